import type { MethodName, MethodOutput, MethodParsed } from '../../shared/rpc/contract'
import type { Hall, User } from '../db/schema'
import type { SessionState } from '../services/accounts/sessions'
import { AppError } from '../errors'

/**
 * What every call carries: who makes it, in which hall, at which desk, and when. The dispatcher
 * fills it; `user`, `hall` and `session` are set for every method that is not public.
 */
export interface CallContext {
  sessionKey: string
  now: Date
  /** The desk's name (`--desk-name`, e.g. 3号窗口). */
  desk: string
  session: SessionState | undefined
  user: User | undefined
  hall: Hall | undefined
}

/** A call by a signed-in user of a set-up hall: what every non-public method receives. */
export interface SignedIn extends CallContext {
  session: SessionState
  user: User
  hall: Hall
}

/** The context of a non-public method, with its guarantees checked (the dispatcher made them). */
export function signedIn(ctx: CallContext): SignedIn {
  if (ctx.user === undefined || ctx.hall === undefined || ctx.session === undefined) throw new AppError('UNAUTHENTICATED')
  return ctx as SignedIn
}

/** One method's handler: the parsed input in, the contract's output out. */
export type Handler<M extends MethodName> = (ctx: CallContext, input: MethodParsed<M>) => Promise<MethodOutput<M>>

/** A feature's handler slice: its methods of the contract, each a service method `(ctx, input)`. */
export type HandlerSlice<K extends MethodName> = { [M in K]: Handler<M> }

/** Every method's handler: the feature slices spread together (electron/rpc/handlers.ts). */
export type Handlers = HandlerSlice<MethodName>
