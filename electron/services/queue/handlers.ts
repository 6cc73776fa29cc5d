import type { Kysely } from 'kysely'
import type { MethodName } from '../../../shared/rpc/contract'
import type { queueContract } from '../../../shared/queue/contract'
import { AppError } from '../../errors'
import type { Database, Hall, User } from '../../db/schema'
import type { CallContext, Handlers } from '../../rpc/context'
import type { Queue } from './queue'
import { queueStatistics } from './statistics'

type QueueMethod = keyof typeof queueContract & MethodName

function hallOf(ctx: CallContext): Hall {
  if (ctx.hall === undefined) throw new AppError('SETUP_REQUIRED')
  return ctx.hall
}

function signedIn(ctx: CallContext): { user: User; hall: Hall } {
  if (ctx.user === undefined || ctx.hall === undefined) throw new AppError('UNAUTHENTICATED')
  return { user: ctx.user, hall: ctx.hall }
}

/** The queue's handler entries, spread into the dispatcher's map beside the others. */
export function queueHandlers(queue: Queue, db: Kysely<Database>): Pick<Handlers, QueueMethod> {
  return {
    'queue.kioskTake': (ctx, input) => queue.take(hallOf(ctx), null, 'kiosk', input, ctx.now),
    'queue.board': (ctx) => queue.board(hallOf(ctx), ctx.now),
    'queue.take': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      return queue.take(hall, user, user.role === 'guide' ? 'guide' : 'desk', input, ctx.now)
    },
    'queue.desk': (ctx) => {
      const { user, hall } = signedIn(ctx)
      return queue.desk(hall, user, ctx.now)
    },
    'queue.return': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      return queue.returnTicket(hall, user, input.ticketId, input.window, ctx.now)
    },
    'queue.callNext': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      return queue.callNext(hall, user, input.window, ctx.now)
    },
    'queue.recall': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      return queue.recall(hall, user, input.ticketId, input.window, ctx.now)
    },
    'queue.skip': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      return queue.skip(hall, user, input.ticketId, input.window, ctx.now)
    },
    'queue.transfer': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      return queue.transfer(hall, user, input.ticketId, input.window, input.toWindow, ctx.now)
    },
    'queue.callOutOfOrder': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      return queue.callOutOfOrder(hall, user, input.ticketId, input.window, input.reason, ctx.now)
    },
    'queue.rate': (ctx, input) => queue.rate(signedIn(ctx).user, input.caseNumber, input.rating, ctx.now),
    'queue.statistics': (_ctx, input) => queueStatistics(db, input.from, input.to),
    'queue.settings': (ctx) => queue.getSettings(signedIn(ctx).hall),
    'queue.updateSettings': (ctx, input) => queue.updateSettings(signedIn(ctx).user, input, ctx.now),
  }
}
