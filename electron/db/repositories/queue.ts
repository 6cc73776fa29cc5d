import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import type { HallDay, IsoDay } from '../../../shared/days'
import type { Satisfaction } from '../../../shared/cases/machine'
import type { QueueAction, TicketKind, TicketStatus } from '../../../shared/queue/domain'
import type { Database, QueueCallTable, QueueTicket, QueueTicketTable } from '../schema'

// Every statement here runs the same on SQLite and PostgreSQL: no engine-only functions, times
// are ISO-8601 text compared as text, and durations are worked out by the service.

/** Takes the next number of a kind's hall-day sequence; a rollback gives it back (gapless). */
export async function nextTicketSeq(trx: Transaction<Database>, hallDay: IsoDay, kind: TicketKind): Promise<number> {
  const row = await trx
    .insertInto('queue_counters')
    .values({ hall_day: hallDay, kind, last_seq: 1 })
    .onConflict((oc) => oc.columns(['hall_day', 'kind']).doUpdateSet((eb) => ({ last_seq: eb('queue_counters.last_seq', '+', 1) })))
    .returning('last_seq')
    .executeTakeFirstOrThrow()
  return row.last_seq
}

/**
 * Serialises the desks' calls: the first statement of a call writes the hall row, so a second
 * desk waits here (SQLite's write lock, PostgreSQL's row lock) instead of reading a queue that
 * is about to change. The claim below stays conditional all the same.
 */
export async function lockQueue(trx: Transaction<Database>): Promise<void> {
  await trx
    .updateTable('hall')
    .set((eb) => ({ queue_voice: eb.ref('queue_voice') }))
    .where('id', '=', 1)
    .execute()
}

export async function insertTicket(trx: Transaction<Database>, row: Insertable<QueueTicketTable>): Promise<QueueTicket> {
  return trx.insertInto('queue_tickets').values(row).returningAll().executeTakeFirstOrThrow()
}

export function findTicket(db: Kysely<Database>, id: number): Promise<QueueTicket | undefined> {
  return db.selectFrom('queue_tickets').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The day's tickets in one status, in queue order. */
export function listTickets(db: Kysely<Database>, hallDay: IsoDay, status: TicketStatus): Promise<QueueTicket[]> {
  return db
    .selectFrom('queue_tickets')
    .selectAll()
    .where('hall_day', '=', hallDay)
    .where('status', '=', status)
    .orderBy('queued_at')
    .orderBy('id')
    .execute()
}

/** The kinds of the day's latest in-order first calls, newest first (the 绿色通道 cap counts these). */
export async function recentCallKinds(db: Kysely<Database>, hallDay: IsoDay, limit: number): Promise<TicketKind[]> {
  const rows = await db
    .selectFrom('queue_calls')
    .select('kind')
    .where('hall_day', '=', hallDay)
    .where('action', '=', 'call')
    .where('out_of_order', '=', 0)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => r.kind)
}

/**
 * Changes a ticket only while it is still in the expected status: the claim two desks may race
 * for. Returns whether this call changed it; the loser sees false and takes the next ticket.
 */
export async function updateTicketIf(
  trx: Transaction<Database>,
  id: number,
  expected: TicketStatus,
  changes: Updateable<QueueTicketTable>,
): Promise<boolean> {
  const result = await trx.updateTable('queue_tickets').set(changes).where('id', '=', id).where('status', '=', expected).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** A desk's first call of a ticket keeps its time; later calls (重呼 after 过号) do not move it. */
export async function claimTicket(
  trx: Transaction<Database>,
  ticket: Pick<QueueTicket, 'id' | 'called_at'>,
  window: number,
  userId: number,
  at: string,
): Promise<boolean> {
  return updateTicketIf(trx, ticket.id, 'waiting', {
    status: 'called',
    called_at: ticket.called_at ?? at,
    last_called_at: at,
    window_no: window,
    called_by: userId,
    target_window: null,
  })
}

export async function insertCall(trx: Transaction<Database>, row: Insertable<QueueCallTable>): Promise<void> {
  await trx.insertInto('queue_calls').values(row).execute()
}

/** The ticket a user is serving (called and not yet registered), latest first. */
export function servingTicket(db: Kysely<Database>, userId: number): Promise<QueueTicket | undefined> {
  return db
    .selectFrom('queue_tickets')
    .selectAll()
    .where('called_by', '=', userId)
    .where('status', '=', 'called')
    .orderBy('last_called_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

export interface ShownCallRow {
  id: number
  ticket_id: number
  number: string
  kind: TicketKind
  action: 'call' | 'recall'
  window_no: number
  at: string
}

/** The day's calls and recalls, newest first, with the ticket numbers. */
export async function listShownCalls(db: Kysely<Database>, hallDay: IsoDay, limit: number): Promise<ShownCallRow[]> {
  const rows = await db
    .selectFrom('queue_calls as c')
    .innerJoin('queue_tickets as t', 't.id', 'c.ticket_id')
    .select(['c.id', 'c.ticket_id', 't.number', 'c.kind', 'c.action', 'c.window_no', 'c.at'])
    .where('c.hall_day', '=', hallDay)
    .where('c.action', 'in', ['call', 'recall'])
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ ...r, action: r.action === 'recall' ? 'recall' : 'call' }))
}

/** The tickets of a period of hall days (YYYY-MM-DD), with the case number of those served. */
export function listTicketsOfPeriod(
  db: Kysely<Database>,
  from: IsoDay,
  to: IsoDay,
): Promise<(QueueTicket & { case_number: string | null })[]> {
  return db
    .selectFrom('queue_tickets as t')
    .leftJoin('visits as v', 'v.id', 't.visit_id')
    .selectAll('t')
    .select('v.case_number')
    .where('t.hall_day', '>=', from)
    .where('t.hall_day', '<=', to)
    .orderBy('t.id')
    .execute()
}

/** How many calls, recalls, 过号 … each window made per kind and hall day in a period (YYYY-MM-DD). */
export async function callCountsOfPeriod(
  db: Kysely<Database>,
  from: IsoDay,
  to: IsoDay,
): Promise<{ hall_day: IsoDay; kind: TicketKind; window_no: number; action: QueueAction; n: number }[]> {
  const rows = await db
    .selectFrom('queue_calls')
    .select(['hall_day', 'kind', 'window_no', 'action', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('hall_day', '>=', from)
    .where('hall_day', '<=', to)
    .groupBy(['hall_day', 'kind', 'window_no', 'action'])
    .execute()
  // PostgreSQL's count is a bigint, which arrives as text.
  return rows.map((r) => ({ ...r, n: Number(r.n) }))
}

export function ticketOfVisit(db: Kysely<Database>, visitId: number): Promise<QueueTicket | undefined> {
  return db.selectFrom('queue_tickets').selectAll().where('visit_id', '=', visitId).executeTakeFirst()
}

export async function caseNumbersOfVisits(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('visits').select(['id', 'case_number']).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, r.case_number]))
}

/** Records the on-the-spot rating once; a second rating of the same case is refused (false). */
export async function insertOnsiteRating(
  trx: Transaction<Database>,
  row: { visit_id: number; rating: Satisfaction; receptionist_id: number; rated_at: string },
): Promise<boolean> {
  const result = await trx.insertInto('onsite_ratings').values(row).onConflict((oc) => oc.column('visit_id').doNothing()).executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
}

/** Ratings of the cases registered in a period (visits.hall_day is YYYYMMDD): on the spot, and at 回访. */
export async function ratingsOfPeriod(
  db: Kysely<Database>,
  fromDay: HallDay,
  toDay: HallDay,
): Promise<{ onsite: Satisfaction | null; followUp: Satisfaction | null }[]> {
  const rows = await db
    .selectFrom('visits as v')
    .leftJoin('onsite_ratings as r', 'r.visit_id', 'v.id')
    .select(['r.rating', 'v.satisfaction'])
    .where('v.hall_day', '>=', fromDay)
    .where('v.hall_day', '<=', toDay)
    .where((eb) => eb.or([eb('r.rating', 'is not', null), eb('v.satisfaction', 'is not', null)]))
    .execute()
  return rows.map((r) => ({ onsite: r.rating, followUp: r.satisfaction }))
}

/** The visit a case number names, with who registered it. */
export function visitByCaseNumber(db: Kysely<Database>, caseNumber: string): Promise<{ id: number; receptionist_id: number; registered_at: string } | undefined> {
  return db.selectFrom('visits').select(['id', 'receptionist_id', 'registered_at']).where('case_number', '=', caseNumber).executeTakeFirst()
}
