import type { Kysely } from 'kysely'
import type { MethodName } from '../../shared/rpc/contract'
import { contract, isMethodName } from '../../shared/rpc/contract'
import type { RpcResult } from '../../shared/rpc/result'
import type { Clock } from '../clock'
import { AppError } from '../errors'
import type { Database, Hall, User } from '../db/schema'
import { getHall } from '../db/repositories/hall'
import { findUserById } from '../db/repositories/users'
import type { Auth } from '../services/accounts/auth'
import type { SessionStore } from '../services/accounts/sessions'
import { appErrorToRpc, rpcError, validationError } from './errors'
import type { HallLink } from '../db/postgres'
import { isConnectionError } from '../db/postgres'
import type { CallContext, Handlers } from './context'

export type { CallContext, Handlers } from './context'

export interface DispatcherDeps {
  db: Kysely<Database>
  sessions: SessionStore
  /** Locks a session idle past the hall's minutes. */
  auth: Pick<Auth, 'lock'>
  clock: Clock
  handlers: Handlers
  /** Where unexpected errors are reported; never shown to the user. */
  onInternalError?: (method: string, error: unknown) => void
  /** Hall mode: the link to the hall's PostgreSQL server (electron/db/postgres.ts). */
  hallLink?: HallLink
  /** The desk's name, carried by every call's context. */
  desk: string
}

/** Hall mode: a call that has not answered by then is answered with HALL_UNAVAILABLE (the promise is 10 s). */
export const HALL_CALL_DEADLINE_MS = 9_500

export type Dispatch = (sessionKey: string, method: unknown, input: unknown) => Promise<RpcResult<unknown>>

/**
 * The one entry point of every transport: checks the method, the session and its role,
 * validates the input with the contract's schema, runs the handler and wraps the result.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatch {
  const { db, sessions, auth, clock, handlers, hallLink } = deps
  /** Hall mode: each session's user and hall as last read, for the desk-only methods while the server is away. */
  const lastSeen = new Map<string, { user: User; hall: Hall }>()

  async function authorise(method: MethodName, ctx: CallContext): Promise<void> {
    const access = contract[method].access
    ctx.hall = await getHall(db)
    const session = sessions.get(ctx.sessionKey)
    if (session !== undefined) {
      const user = await findUserById(db, session.userId)
      if (user === undefined || user.disabled === 1) {
        sessions.end(ctx.sessionKey)
      } else {
        ctx.session = session
        ctx.user = user
      }
    }
    if (access === 'public') return
    if (ctx.hall === undefined) throw new AppError('SETUP_REQUIRED')
    if (ctx.session === undefined || ctx.user === undefined) throw new AppError('UNAUTHENTICATED')
    const idleMs = ctx.hall.idle_lock_minutes * 60_000
    if (!ctx.session.locked && idleMs > 0 && ctx.now.getTime() - ctx.session.lastActivity > idleMs) {
      await auth.lock(ctx, { reason: 'idle' })
    }
    if (access === 'session') return
    if (ctx.session.locked) throw new AppError('SESSION_LOCKED')
    if (ctx.user.must_change_password === 1) throw new AppError('PASSWORD_CHANGE_REQUIRED')
    if (!access.includes(ctx.user.role) && !adminMayReadAudit(method, ctx.user, ctx.hall)) throw new AppError('FORBIDDEN')
    sessions.touch(ctx.sessionKey, ctx.now)
  }

  /**
   * Hall mode, the server unreachable: a desk-only method (drafts, the link state) goes on with
   * the session as last checked, if it was checked; anything else is refused.
   */
  function authoriseFromDesk(method: MethodName, ctx: CallContext): boolean {
    const spec: { desk?: true; access: unknown } = contract[method]
    if (spec.desk !== true) return false
    if (spec.access === 'public') return true
    const seen = lastSeen.get(ctx.sessionKey)
    const session = sessions.get(ctx.sessionKey)
    if (seen === undefined || session === undefined || session.locked) return false
    ctx.user = seen.user
    ctx.hall = seen.hall
    ctx.session = session
    return true
  }

  async function run(method: MethodName, ctx: CallContext, input: unknown): Promise<RpcResult<unknown>> {
    try {
      try {
        await authorise(method, ctx)
        if (hallLink !== undefined && ctx.user !== undefined && ctx.hall !== undefined) lastSeen.set(ctx.sessionKey, { user: ctx.user, hall: ctx.hall })
      } catch (error) {
        if (!(hallLink !== undefined && isConnectionError(error) && authoriseFromDesk(method, ctx))) throw error
      }
      // Every input is a plain object: a Date, a Map or an array is not one, even when empty.
      if (!isPlainObject(input)) return { ok: false, error: appErrorToRpc(new AppError('VALIDATION', 'e.VALIDATION', {}, [{ path: '', key: 'e.BAD_REQUEST' }])) }
      const parsed = contract[method].input.safeParse(input)
      if (!parsed.success) return { ok: false, error: validationError(parsed.error) }
      const handler = handlers[method] as (c: CallContext, i: unknown) => Promise<unknown>
      const value = await handler(ctx, parsed.data)
      return { ok: true, value: value === undefined ? null : value }
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: appErrorToRpc(error) }
      if (hallLink !== undefined && isConnectionError(error)) {
        hallLink.lost()
        return { ok: false, error: rpcError('HALL_UNAVAILABLE') }
      }
      deps.onInternalError?.(method, error)
      return { ok: false, error: rpcError('INTERNAL') }
    }
  }

  return async function dispatch(sessionKey, method, input) {
    if (typeof method !== 'string' || !isMethodName(method)) return { ok: false, error: rpcError('UNKNOWN_METHOD') }
    const ctx: CallContext = { sessionKey, now: clock(), desk: deps.desk, session: undefined, user: undefined, hall: undefined }
    if (hallLink === undefined) return run(method, ctx, input)
    // The hall's promise: every call answers within 10 s. A statement still running then ends by
    // the server's statement timeout, and a registration that commits after all is found again by
    // its idempotency key when the desk retries.
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<RpcResult<unknown>>((resolve) => {
      timer = setTimeout(() => {
        hallLink.lost()
        resolve({ ok: false, error: rpcError('HALL_UNAVAILABLE') })
      }, HALL_CALL_DEADLINE_MS)
    })
    try {
      const result = await Promise.race([run(method, ctx, input), late])
      // A desk-only method (the link state, drafts) answers without the server: its answer says
      // nothing of the server, so it must not mark a lost link as back.
      const deskOnly: { desk?: true } = contract[method]
      if (result.ok && deskOnly.desk !== true) hallLink.answered()
      return result
    } finally {
      clearTimeout(timer)
    }
  }
}

/** The administrator reads the audit trail only while the hall's auditor allows it. */
function adminMayReadAudit(method: MethodName, user: User, hall: Hall): boolean {
  const spec: { auditTrail?: true } = contract[method]
  return spec.auditTrail === true && user.role === 'admin' && hall.admin_reads_audit === 1
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}
