import type { Kysely, Transaction } from 'kysely'
import type { IsoDay } from '../../../shared/days'
import { estimatedWaitMinutes, mayReturn, nextTicket } from '../../../shared/queue/calling'
import type { TicketKind, TicketSource } from '../../../shared/queue/domain'
import { MAX_TICKETS_PER_KIND, TICKET_KINDS, formatTicketNumber } from '../../../shared/queue/domain'
import type { QueueSettings, TakeTicketInput } from '../../../shared/queue/schemas'
import type { CallShown, DeskQueue, IssuedTicket, OnsiteRatingResult, QueueBoard, QueueStatistics, Ticket, WaitingCounts } from '../../../shared/queue/types'
import { hallDate } from '../../../shared/time'
import { AppError } from '../../errors'
import type { MethodParsed } from '../../../shared/rpc/contract'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import type { Database, Hall, QueueTicket, User } from '../../db/schema'
import { getHall, updateHall } from '../../db/repositories/hall'
import { change } from '../../../shared/live/changes'
import type { Announce } from '../../live/channel'
import {
  caseNumbersOfVisits,
  insertCall,
  insertOnsiteRating,
  insertTicket,
  listShownCalls,
  listTickets,
  nextTicketSeq,
  recentCallKinds,
  servingTicket,
  updateTicketIf,
  visitByCaseNumber,
} from '../../db/repositories/queue'
import { appendAudit } from '../audit/audit'
import { renderTicketHtml } from '../../print/ticket-html'
import { createCalls } from './calls'
import { toTicket } from './ticket'
import { queueStatistics, timedTicket } from './statistics'
import { todaysServiceMinutes } from '../../../shared/queue/times'

/** The hall's queue settings. */
export function queueSettingsOf(hall: Hall): QueueSettings {
  return {
    priorityCap: hall.queue_priority_cap,
    skipReturnMinutes: hall.queue_skip_return_minutes,
    serviceMinutes: hall.queue_service_minutes,
    voice: hall.queue_voice,
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

/** The hall of a public call (the kiosk, the hall screen): it must be set up. */
function hallOf(ctx: CallContext): Hall {
  if (ctx.hall === undefined) throw new AppError('SETUP_REQUIRED')
  return ctx.hall
}

/** The hall's queue: tickets, calls, the hall screen, the on-the-spot rating; each method takes (ctx, input). */
export function createQueue(db: Kysely<Database>, fonts: (text: string) => Promise<string>, announce: Announce) {
  const day = (hall: Hall, now: Date) => hallDate(now, hall.time_zone)

  /** Today's minutes per visitor (叫号 → 登记) and the windows that called, for the estimated wait. */
  async function pace(hall: Hall, hallDay: IsoDay): Promise<{ minutes: number; windows: number }> {
    const served = await listTickets(db, hallDay, 'served')
    const called = await listTickets(db, hallDay, 'called')
    const minutes = todaysServiceMinutes(served.map(timedTicket), hallDay, hall.queue_service_minutes)
    const windows = new Set([...served, ...called].map((t) => t.window_no).filter((w) => w !== null)).size
    return { minutes, windows: Math.max(1, windows) }
  }

  /** 取号 on the kiosk page: nobody is signed in there. */
  function kioskTake(ctx: CallContext, input: MethodParsed<'queue.kioskTake'>): Promise<IssuedTicket> {
    return issue(hallOf(ctx), null, 'kiosk', input, ctx.now)
  }

  /** 取号 at the guide desk (导引员) or at a window. */
  function take(ctx: CallContext, input: MethodParsed<'queue.take'>): Promise<IssuedTicket> {
    const { user, hall, now } = signedIn(ctx)
    return issue(hall, user, user.role === 'guide' ? 'guide' : 'desk', input, now)
  }

  /** 取号: a numbered ticket of the kind, gapless per kind and hall day; no personal data. */
  async function issue(hall: Hall, user: User | null, source: TicketSource, input: TakeTicketInput, now: Date): Promise<IssuedTicket> {
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

  /** 登记 of a case while the user serves a ticket: in the registration's transaction, the two are linked. */
  async function linkOnRegister(trx: Transaction<Database>, user: User, visitId: number, at: string): Promise<string | null> {
    const current = await servingTicket(trx, user.id)
    if (current === undefined) return null
    await updateTicketIf(trx, current.id, 'called', { status: 'served', served_at: at, visit_id: visitId })
    await insertCall(trx, { ticket_id: current.id, hall_day: current.hall_day, kind: current.kind, action: 'serve', window_no: current.window_no ?? 0, user_id: user.id, at })
    return current.number
  }

  /** The hall screen: the current call per window, the last calls, the waiting counts; never a name. */
  async function board(ctx: CallContext): Promise<QueueBoard> {
    const hall = hallOf(ctx)
    const { now } = ctx
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
  async function desk(ctx: CallContext): Promise<DeskQueue> {
    const { user, hall, now } = signedIn(ctx)
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
  async function rate(ctx: CallContext, { caseNumber, rating }: MethodParsed<'queue.rate'>): Promise<OnsiteRatingResult> {
    const { user, now } = signedIn(ctx)
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

  function getSettings(ctx: CallContext): Promise<QueueSettings> {
    return Promise.resolve(queueSettingsOf(signedIn(ctx).hall))
  }

  /** 排队叫号设置: saved with the values before and after in the audit trail, as 大厅设置 is. */
  async function updateSettings(ctx: CallContext, input: MethodParsed<'queue.updateSettings'>): Promise<QueueSettings> {
    const { user, now } = signedIn(ctx)
    const saved = await db.transaction().execute(async (trx) => {
      const before = await getHall(trx)
      if (before === undefined) throw new AppError('SETUP_REQUIRED')
      await updateHall(trx, {
        queue_priority_cap: input.priorityCap,
        queue_skip_return_minutes: input.skipReturnMinutes,
        queue_service_minutes: input.serviceMinutes,
        queue_voice: input.voice,
      })
      const after = await getHall(trx)
      if (after === undefined) throw new AppError('SETUP_REQUIRED')
      await appendAudit(trx, now, {
        userId: user.id,
        action: 'queue.settings',
        entity: 'hall',
        entityId: '1',
        detail: { before: queueSettingsOf(before), after: queueSettingsOf(after) },
      })
      return queueSettingsOf(after)
    })
    // Once committed: the desks and the hall screen re-read the hall's settings.
    announce(change('settings', null))
    return saved
  }

  /** 排队统计: waiting and service times and the on-the-spot ratings of a period. */
  function statistics(_ctx: CallContext, input: MethodParsed<'queue.statistics'>): Promise<QueueStatistics> {
    return queueStatistics(db, input.from, input.to)
  }

  /** Today's tickets with their case numbers (the guide desk's list and the 台账's ticket column). */
  async function ticketsWithCases(rows: readonly QueueTicket[]): Promise<Ticket[]> {
    const cases = await caseNumbersOfVisits(db, rows.map((r) => r.visit_id).filter((v) => v !== null))
    return rows.map((r) => toTicket(r, r.visit_id === null ? null : (cases.get(r.visit_id) ?? null)))
  }

  return { kioskTake, take, ...createCalls(db), linkOnRegister, board, desk, rate, statistics, getSettings, updateSettings, ticketsWithCases, kinds: TICKET_KINDS }
}

export type Queue = ReturnType<typeof createQueue>
