import type { Kysely, Transaction } from 'kysely'
import type { IsoDay } from '../../../shared/days'
import type { Satisfaction } from '../../../shared/cases/machine'
import { estimatedWaitMinutes, mayReturn, nextTicket } from '../../../shared/queue/calling'
import type { TicketKind, TicketSource } from '../../../shared/queue/domain'
import { MAX_TICKETS_PER_KIND, TICKET_KINDS, formatTicketNumber } from '../../../shared/queue/domain'
import type { QueueSettings, TakeTicketInput } from '../../../shared/queue/schemas'
import type { CallShown, DeskQueue, IssuedTicket, OnsiteRatingResult, QueueBoard, Ticket, WaitingCounts } from '../../../shared/queue/types'
import { hallDate } from '../../../shared/time'
import { AppError } from '../../errors'
import type { Database, Hall, QueueTicket, User } from '../../db/schema'
import { updateHall } from '../../db/repositories/hall'
import {
  caseNumbersOfVisits,
  claimTicket,
  findTicket,
  insertCall,
  insertOnsiteRating,
  insertTicket,
  listShownCalls,
  listTickets,
  lockQueue,
  nextTicketSeq,
  recentCallKinds,
  servingTicket,
  updateTicketIf,
  visitByCaseNumber,
} from '../../db/repositories/queue'
import { appendAudit } from '../audit/audit'
import { renderTicketHtml } from '../../print/ticket-html'
import { averageMinutes } from './times'

/** The hall's queue settings. */
export function queueSettingsOf(hall: Hall): QueueSettings {
  return {
    priorityCap: hall.queue_priority_cap,
    skipReturnMinutes: hall.queue_skip_return_minutes,
    serviceMinutes: hall.queue_service_minutes,
    voice: hall.queue_voice,
  }
}

function toTicket(row: QueueTicket, caseNumber: string | null = null): Ticket {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    headcount: row.headcount,
    status: row.status,
    source: row.source,
    issuedAt: row.issued_at,
    calledAt: row.called_at,
    window: row.window_no,
    targetWindow: row.target_window,
    skippedAt: row.skipped_at,
    caseNumber,
  }
}

function counts(waiting: readonly QueueTicket[]): WaitingCounts {
  const c: WaitingCounts = { individual: 0, group: 0, appointment: 0, priority: 0 }
  for (const t of waiting) c[t.kind] += 1
  return c
}

/** Waiting tickets in the order the rule would call them from a window none is transferred to. */
function callOrder(waiting: readonly QueueTicket[], recentKinds: readonly TicketKind[], cap: number): QueueTicket[] {
  const left = waiting.filter((t) => t.target_window === null)
  const order: QueueTicket[] = []
  const kinds = [...recentKinds]
  for (;;) {
    const next = nextTicket(
      left.filter((t) => !order.includes(t)).map((t) => ({ id: t.id, kind: t.kind, queuedAt: t.queued_at, targetWindow: null })),
      0,
      kinds,
      cap,
    )
    if (next === null) break
    const row = left.find((t) => t.id === next.id)
    if (row === undefined) break
    order.push(row)
    kinds.unshift(row.kind)
  }
  return [...waiting.filter((t) => t.target_window !== null), ...order]
}

export function createQueue(db: Kysely<Database>, fonts: (text: string) => Promise<string>) {
  const day = (hall: Hall, now: Date) => hallDate(now, hall.time_zone)

  /** Today's minutes per visitor (叫号 → 登记) and the windows that called, for the estimated wait. */
  async function pace(hall: Hall, hallDay: IsoDay): Promise<{ minutes: number; windows: number }> {
    const served = await listTickets(db, hallDay, 'served')
    const called = await listTickets(db, hallDay, 'called')
    const minutes = averageMinutes(served.map((t) => [t.called_at, t.served_at])) ?? hall.queue_service_minutes
    const windows = new Set([...served, ...called].map((t) => t.window_no).filter((w) => w !== null)).size
    return { minutes, windows: Math.max(1, windows) }
  }

  /** 取号: a numbered ticket of the kind, gapless per kind and hall day; no personal data. */
  async function take(hall: Hall, user: User | null, source: TicketSource, input: TakeTicketInput, now: Date): Promise<IssuedTicket> {
    const hallDay = day(hall, now)
    const iso = now.toISOString()
    const row = await db.transaction().execute(async (trx) => {
      // The first statement writes: a second desk waits for the lock rather than failing.
      const seq = await nextTicketSeq(trx, hallDay, input.kind)
      if (seq > MAX_TICKETS_PER_KIND) throw new AppError('LIMIT', 'e.queue.dayFull')
      return insertTicket(trx, {
        hall_day: hallDay,
        kind: input.kind,
        seq,
        number: formatTicketNumber(input.kind, seq),
        headcount: input.kind === 'group' ? input.headcount : 1,
        source,
        issued_by: user?.id ?? null,
        issued_at: iso,
        status: 'waiting',
        queued_at: iso,
        target_window: null,
        called_at: null,
        last_called_at: null,
        window_no: null,
        called_by: null,
        skipped_at: null,
        visit_id: null,
        served_at: null,
      })
    })
    const waiting = await listTickets(db, hallDay, 'waiting')
    const order = callOrder(waiting, await recentCallKinds(db, hallDay, hall.queue_priority_cap), hall.queue_priority_cap)
    const ahead = Math.max(0, order.findIndex((t) => t.id === row.id))
    const { minutes, windows } = await pace(hall, hallDay)
    const issued = { ticket: toTicket(row), hallName: hall.name, ahead, estimatedMinutes: estimatedWaitMinutes(ahead, minutes, windows) }
    return { ...issued, html: await renderTicketHtml(issued, hall.time_zone, hall.queue_skip_return_minutes, fonts) }
  }

  /** Ends the reception of the ticket a user serves without a case (a question answered, no 登记). */
  async function finishServing(trx: Transaction<Database>, user: User, at: string): Promise<void> {
    const current = await servingTicket(trx, user.id)
    if (current === undefined) return
    await updateTicketIf(trx, current.id, 'called', { status: 'served', served_at: at })
    await insertCall(trx, { ticket_id: current.id, hall_day: current.hall_day, kind: current.kind, action: 'serve', window_no: current.window_no ?? 0, user_id: user.id, at })
  }

  /** 叫下一位: the rule picks (nobody does); two desks pressing at once never get the same ticket. */
  async function callNext(hall: Hall, user: User, window: number, now: Date): Promise<Ticket | null> {
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
  async function callOutOfOrder(hall: Hall, user: User, ticketId: number, window: number, reason: string, now: Date): Promise<Ticket> {
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
  async function recall(hall: Hall, user: User, ticketId: number, window: number, now: Date): Promise<Ticket> {
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
  async function skip(hall: Hall, user: User, ticketId: number, window: number, now: Date): Promise<Ticket> {
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
  async function returnTicket(hall: Hall, user: User, ticketId: number, window: number, now: Date): Promise<Ticket> {
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
  async function transfer(hall: Hall, user: User, ticketId: number, window: number, toWindow: number, now: Date): Promise<Ticket> {
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

  /** 登记 of a case while the user serves a ticket: in the registration's transaction, the two are linked. */
  async function linkOnRegister(trx: Transaction<Database>, user: User, visitId: number, at: string): Promise<string | null> {
    const current = await servingTicket(trx, user.id)
    if (current === undefined) return null
    await updateTicketIf(trx, current.id, 'called', { status: 'served', served_at: at, visit_id: visitId })
    await insertCall(trx, { ticket_id: current.id, hall_day: current.hall_day, kind: current.kind, action: 'serve', window_no: current.window_no ?? 0, user_id: user.id, at })
    return current.number
  }

  /** The hall screen: the current call per window, the last calls, the waiting counts; never a name. */
  async function board(hall: Hall, now: Date): Promise<QueueBoard> {
    const hallDay = day(hall, now)
    const calls = await listShownCalls(db, hallDay, 40)
    const shown: CallShown[] = calls.map((c) => ({ callId: c.id, number: c.number, kind: c.kind, window: c.window_no, action: c.action, at: c.at }))
    const current: CallShown[] = []
    for (const c of shown) if (!current.some((x) => x.window === c.window)) current.push(c)
    const waiting = await listTickets(db, hallDay, 'waiting')
    const { minutes, windows } = await pace(hall, hallDay)
    return {
      hallName: hall.name,
      hallDay,
      current: current.slice(0, 8),
      recent: shown.slice(0, 8),
      waiting: counts(waiting),
      estimatedMinutes: estimatedWaitMinutes(waiting.length, minutes, windows),
      voice: hall.queue_voice,
      now: now.toISOString(),
    }
  }

  /** A desk's (or the guide desk's) view of the queue. */
  async function desk(hall: Hall, user: User, now: Date): Promise<DeskQueue> {
    const hallDay = day(hall, now)
    const waiting = await listTickets(db, hallDay, 'waiting')
    const skipped = (await listTickets(db, hallDay, 'skipped')).filter((t) => t.skipped_at !== null && mayReturn(t.skipped_at, now, hall.queue_skip_return_minutes))
    const serving = await servingTicket(db, user.id)
    const order = callOrder(waiting, await recentCallKinds(db, hallDay, hall.queue_priority_cap), hall.queue_priority_cap)
    return {
      waiting: counts(waiting),
      serving: serving !== undefined && serving.hall_day === hallDay ? toTicket(serving) : null,
      skipped: skipped.map((t) => toTicket(t)),
      queue: order.map((t) => toTicket(t)),
      settings: queueSettingsOf(hall),
    }
  }

  /** The visitor's on-the-spot rating (评价器) of a case just registered, once, at the desk that registered it. */
  async function rate(user: User, caseNumber: string, rating: Satisfaction, now: Date): Promise<OnsiteRatingResult> {
    const visit = await visitByCaseNumber(db, caseNumber)
    if (visit === undefined) throw new AppError('NOT_FOUND', 'e.CASE_NOT_FOUND', { caseNumber })
    if (visit.receptionist_id !== user.id) throw new AppError('FORBIDDEN', 'e.queue.rateOwnOnly')
    const iso = now.toISOString()
    await db.transaction().execute(async (trx) => {
      if (!(await insertOnsiteRating(trx, { visit_id: visit.id, rating, receptionist_id: user.id, rated_at: iso }))) {
        throw new AppError('CONFLICT', 'e.queue.alreadyRated', { caseNumber })
      }
      await appendAudit(trx, now, { userId: user.id, action: 'queue.rate', entity: 'visit', entityId: caseNumber, detail: { rating } })
    })
    return { caseNumber, rating, ratedAt: iso }
  }

  async function getSettings(hall: Hall): Promise<QueueSettings> {
    return Promise.resolve(queueSettingsOf(hall))
  }

  async function updateSettings(user: User, input: QueueSettings, now: Date): Promise<QueueSettings> {
    await db.transaction().execute(async (trx) => {
      await updateHall(trx, {
        queue_priority_cap: input.priorityCap,
        queue_skip_return_minutes: input.skipReturnMinutes,
        queue_service_minutes: input.serviceMinutes,
        queue_voice: input.voice,
      })
      await appendAudit(trx, now, { userId: user.id, action: 'queue.settings', entity: 'hall', entityId: '1', detail: { ...input } })
    })
    return input
  }

  /** Today's tickets with their case numbers (the guide desk's list and the 台账's ticket column). */
  async function ticketsWithCases(rows: readonly QueueTicket[]): Promise<Ticket[]> {
    const cases = await caseNumbersOfVisits(db, rows.map((r) => r.visit_id).filter((v) => v !== null))
    return rows.map((r) => toTicket(r, r.visit_id === null ? null : (cases.get(r.visit_id) ?? null)))
  }

  return { take, callNext, callOutOfOrder, recall, skip, returnTicket, transfer, linkOnRegister, board, desk, rate, getSettings, updateSettings, ticketsWithCases, kinds: TICKET_KINDS }
}

export type Queue = ReturnType<typeof createQueue>
