import type { Kysely, Transaction } from 'kysely'
import type { MethodParsed } from '../../../shared/rpc/contract'
import { mayReturn, nextTicket } from '../../../shared/queue/calling'
import type { Ticket } from '../../../shared/queue/types'
import { hallDate } from '../../../shared/time'
import { AppError } from '../../errors'
import type { Database, Hall, QueueTicket, User } from '../../db/schema'
import { claimTicket, findTicket, insertCall, listTickets, lockQueue, recentCallKinds, servingTicket, updateTicketIf } from '../../db/repositories/queue'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { appendAudit } from '../audit/audit'
import { toTicket } from './ticket'

/** A window's calls: 叫下一位, out of order, 重呼, 过号, the return of a skipped ticket, 转窗口. */
export function createCalls(db: Kysely<Database>) {
  const day = (hall: Hall, now: Date) => hallDate(now, hall.time_zone)

  /** Ends the reception of the ticket a user serves without a case (a question answered, no 登记). */
  async function finishServing(trx: Transaction<Database>, user: User, at: string): Promise<void> {
    const current = await servingTicket(trx, user.id)
    if (current === undefined) return
    await updateTicketIf(trx, current.id, 'called', { status: 'served', served_at: at })
    await insertCall(trx, { ticket_id: current.id, hall_day: current.hall_day, kind: current.kind, action: 'serve', window_no: current.window_no ?? 0, user_id: user.id, at })
  }

  /** 叫下一位: the rule picks (nobody does); two desks pressing at once never get the same ticket. */
  async function callNext(ctx: CallContext, { window }: MethodParsed<'queue.callNext'>): Promise<Ticket | null> {
    const { user, hall, now } = signedIn(ctx)
    const hallDay = day(hall, now)
    const iso = now.toISOString()
    return db.transaction().execute(async (trx) => {
      await lockQueue(trx)
      await finishServing(trx, user, iso)
      const recent = await recentCallKinds(trx, hallDay, hall.queue_priority_cap)
      // A desk that lost the claim to another (PostgreSQL, or a second process) takes the next one.
      for (;;) {
        const waiting = await listTickets(trx, hallDay, 'waiting')
        const pick = nextTicket(
          waiting.map((t) => ({ id: t.id, kind: t.kind, queuedAt: t.queued_at, targetWindow: t.target_window })),
          window,
          recent,
          hall.queue_priority_cap,
        )
        if (pick === null) return null
        const row = waiting.find((t) => t.id === pick.id)
        if (row === undefined || !(await claimTicket(trx, row, window, user.id, iso))) continue
        await insertCall(trx, { ticket_id: row.id, hall_day: hallDay, kind: row.kind, action: 'call', window_no: window, user_id: user.id, at: iso })
        return toTicket({ ...row, status: 'called', called_at: row.called_at ?? iso, last_called_at: iso, window_no: window, called_by: user.id, target_window: null })
      }
    })
  }

  /** A duty officer calls one waiting ticket out of order; the reason goes to the audit trail. */
  async function callOutOfOrder(ctx: CallContext, { ticketId, window, reason }: MethodParsed<'queue.callOutOfOrder'>): Promise<Ticket> {
    const { user, hall, now } = signedIn(ctx)
    const iso = now.toISOString()
    return db.transaction().execute(async (trx) => {
      await lockQueue(trx)
      const row = await ticketOfToday(trx, hall, ticketId, now)
      if (row.status !== 'waiting') throw new AppError('CONFLICT', 'e.queue.notWaiting', { number: row.number })
      await finishServing(trx, user, iso)
      if (!(await claimTicket(trx, row, window, user.id, iso))) throw new AppError('CONFLICT', 'e.queue.notWaiting', { number: row.number })
      await insertCall(trx, { ticket_id: row.id, hall_day: row.hall_day, kind: row.kind, action: 'call', window_no: window, user_id: user.id, at: iso, out_of_order: 1 })
      await appendAudit(trx, now, { userId: user.id, action: 'queue.callOutOfOrder', entity: 'ticket', entityId: row.number, detail: { window, reason } })
      const after = await findTicket(trx, row.id)
      if (after === undefined) throw new AppError('NOT_FOUND')
      return toTicket(after)
    })
  }

  async function ticketOfToday(trx: Kysely<Database>, hall: Hall, ticketId: number, now: Date): Promise<QueueTicket> {
    const row = await findTicket(trx, ticketId)
    // Yesterday's tickets are gone with the day: the numbers restart.
    if (row === undefined || row.hall_day !== day(hall, now)) throw new AppError('NOT_FOUND', 'e.queue.noTicket')
    return row
  }

  /** A ticket this window is serving (重呼, 过号, 转窗口 act on it only). */
  async function ownCalled(trx: Kysely<Database>, hall: Hall, ticketId: number, window: number, now: Date): Promise<QueueTicket> {
    const row = await ticketOfToday(trx, hall, ticketId, now)
    if (row.status !== 'called' || row.window_no !== window) throw new AppError('CONFLICT', 'e.queue.notCalledHere', { number: row.number, window })
    return row
  }

  /** 重呼: the same ticket again on the hall screen. */
  async function recall(ctx: CallContext, { ticketId, window }: MethodParsed<'queue.recall'>): Promise<Ticket> {
    const { user, hall, now } = signedIn(ctx)
    const iso = now.toISOString()
    return db.transaction().execute(async (trx) => {
      await lockQueue(trx)
      const row = await ownCalled(trx, hall, ticketId, window, now)
      await updateTicketIf(trx, row.id, 'called', { last_called_at: iso })
      await insertCall(trx, { ticket_id: row.id, hall_day: row.hall_day, kind: row.kind, action: 'recall', window_no: window, user_id: user.id, at: iso })
      return toTicket({ ...row, last_called_at: iso })
    })
  }

  /** 过号: the visitor did not come; the ticket may come back within the hall's minutes. */
  async function skip(ctx: CallContext, { ticketId, window }: MethodParsed<'queue.skip'>): Promise<Ticket> {
    const { user, hall, now } = signedIn(ctx)
    const iso = now.toISOString()
    return db.transaction().execute(async (trx) => {
      await lockQueue(trx)
      const row = await ownCalled(trx, hall, ticketId, window, now)
      await updateTicketIf(trx, row.id, 'called', { status: 'skipped', skipped_at: iso })
      await insertCall(trx, { ticket_id: row.id, hall_day: row.hall_day, kind: row.kind, action: 'skip', window_no: window, user_id: user.id, at: iso })
      return toTicket({ ...row, status: 'skipped', skipped_at: iso })
    })
  }

  /** A skipped visitor came back in time: the ticket rejoins the queue at its original place. */
  async function returnTicket(ctx: CallContext, { ticketId, window }: MethodParsed<'queue.return'>): Promise<Ticket> {
    const { user, hall, now } = signedIn(ctx)
    const iso = now.toISOString()
    return db.transaction().execute(async (trx) => {
      await lockQueue(trx)
      const row = await ticketOfToday(trx, hall, ticketId, now)
      if (row.status !== 'skipped' || row.skipped_at === null) throw new AppError('CONFLICT', 'e.queue.notSkipped', { number: row.number })
      if (!mayReturn(row.skipped_at, now, hall.queue_skip_return_minutes)) {
        throw new AppError('CONFLICT', 'e.queue.returnTooLate', { number: row.number, minutes: hall.queue_skip_return_minutes })
      }
      await updateTicketIf(trx, row.id, 'skipped', { status: 'waiting', skipped_at: null, window_no: null, called_by: null, target_window: null })
      await insertCall(trx, { ticket_id: row.id, hall_day: row.hall_day, kind: row.kind, action: 'return', window_no: window, user_id: user.id, at: iso })
      return toTicket({ ...row, status: 'waiting', skipped_at: null, window_no: null })
    })
  }

  /** 转窗口: the ticket waits for another window, whose next call takes it first. */
  async function transfer(ctx: CallContext, { ticketId, window, toWindow }: MethodParsed<'queue.transfer'>): Promise<Ticket> {
    const { user, hall, now } = signedIn(ctx)
    if (toWindow === window) throw new AppError('VALIDATION', 'e.VALIDATION', {}, [{ path: 'toWindow', key: 'v.queue.sameWindow' }])
    const iso = now.toISOString()
    return db.transaction().execute(async (trx) => {
      await lockQueue(trx)
      const row = await ownCalled(trx, hall, ticketId, window, now)
      await updateTicketIf(trx, row.id, 'called', { status: 'waiting', target_window: toWindow, window_no: null, called_by: null })
      await insertCall(trx, { ticket_id: row.id, hall_day: row.hall_day, kind: row.kind, action: 'transfer', window_no: toWindow, user_id: user.id, at: iso })
      return toTicket({ ...row, status: 'waiting', target_window: toWindow, window_no: null })
    })
  }

  return { callNext, callOutOfOrder, recall, skip, returnTicket, transfer }
}
