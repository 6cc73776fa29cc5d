import type { Kysely } from 'kysely'
import type { HallDay, IsoDay } from '../../../shared/days'
import type { TicketKind } from '../../../shared/queue/domain'
import { serviceMinutes, waitMinutes } from '../../../shared/queue/times'
import { hallDayOf } from '../../../shared/days'
import type { CaseStatus } from '../../../shared/cases/machine'
import type { Routing, VisitKind } from '../../../shared/domain'
import { maskIdNumber } from '../../../shared/id-number'
import { maskRepresentative, parseStoredRepresentatives, representativesLineZh } from '../../../shared/intake/representatives'
import type { Period } from '../../../shared/reports/period'
import { summarize } from '../../../shared/text'
import type { Database } from '../../db/schema'

/** One line of the 台账: what the hall's superiors ask for, the ID number masked. */
export interface LogRow {
  registeredAt: string
  caseNumber: string
  visitorName: string
  maskedIdNumber: string
  kind: VisitKind
  headcount: number
  /** A group visit's representatives, their ID numbers and phones masked as the visitor's are; '' for one person. */
  representatives: string
  category: string
  demands: string
  routing: Routing
  unit: string
  status: CaseStatus
  receptionist: string
  /** 同一事项: the matter's first case when this visit was confirmed as a repeat visit on it, else ''. */
  matterCaseNumber: string
  /** The queue ticket it was registered from (排队叫号), or null for a case without one. */
  ticket: LogTicket | null
}

/** A case's ticket in the 台账: its number, when it was taken, the window, the two times in minutes. */
export interface LogTicket {
  number: string
  issuedAt: string
  window: number | null
  waitMinutes: number | null
  serviceMinutes: number | null
}

function logTicket(r: {
  ticket_number: string | null
  ticket_kind: TicketKind | null
  ticket_day: IsoDay | null
  ticket_issued_at: string | null
  ticket_called_at: string | null
  ticket_last_called_at: string | null
  ticket_served_at: string | null
  ticket_window: number | null
}): LogTicket | null {
  if (r.ticket_number === null || r.ticket_kind === null || r.ticket_day === null || r.ticket_issued_at === null) return null
  const timed = { kind: r.ticket_kind, hallDay: r.ticket_day, window: r.ticket_window, issuedAt: r.ticket_issued_at, calledAt: r.ticket_called_at, lastCalledAt: r.ticket_last_called_at, servedAt: r.ticket_served_at }
  return { number: r.ticket_number, issuedAt: r.ticket_issued_at, window: r.ticket_window, waitMinutes: waitMinutes(timed), serviceMinutes: serviceMinutes(timed) }
}

const PAGE = 2000
export const DEMANDS_CHARS = 60

/** The period's registrations in order, a page at a time, so a year never sits in memory. */
export async function* logRows(db: Kysely<Database>, period: Period): AsyncGenerator<LogRow[]> {
  const from = hallDayOf(period.from)
  const to = hallDayOf(period.to)
  let after: [HallDay, number] = [from, 0]
  for (;;) {
    const rows = await db
      .selectFrom('visits as v')
      .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
      .innerJoin('categories as c', 'c.id', 'v.category_id')
      .innerJoin('users as u', 'u.id', 'v.receptionist_id')
      .leftJoin('units as n', 'n.id', 'v.unit_id')
      .leftJoin('visits as m', 'm.id', 'v.matter_visit_id')
      .leftJoin('queue_tickets as t', 't.visit_id', 'v.id')
      .select(['t.number as ticket_number', 't.kind as ticket_kind', 't.hall_day as ticket_day', 't.issued_at as ticket_issued_at', 't.called_at as ticket_called_at', 't.last_called_at as ticket_last_called_at', 't.served_at as ticket_served_at', 't.window_no as ticket_window'])
      .select(['m.case_number as matter_case_number', 'v.hall_day', 'v.day_seq', 'v.registered_at', 'v.case_number', 'v.visitor_name', 'p.id_number', 'v.kind', 'v.headcount', 'v.representatives', 'c.name as category', 'v.demands', 'v.routing', 'n.name as unit', 'v.status', 'u.name as receptionist'])
      .where('v.hall_day', '>=', from)
      .where('v.hall_day', '<=', to)
      .where((eb) => eb.or([eb('v.hall_day', '>', after[0]), eb.and([eb('v.hall_day', '=', after[0]), eb('v.day_seq', '>', after[1])])]))
      .orderBy('v.hall_day')
      .orderBy('v.day_seq')
      .limit(PAGE)
      .execute()
    if (rows.length === 0) return
    yield rows.map((r) => ({
      registeredAt: r.registered_at,
      caseNumber: r.case_number,
      visitorName: r.visitor_name,
      maskedIdNumber: maskIdNumber(r.id_number),
      kind: r.kind,
      headcount: r.headcount,
      representatives: r.kind === 'group' ? representativesLineZh(parseStoredRepresentatives(r.representatives).map(maskRepresentative)) : '',
      category: r.category,
      demands: summarize(r.demands, DEMANDS_CHARS),
      routing: r.routing,
      unit: r.unit ?? '',
      status: r.status,
      receptionist: r.receptionist,
      matterCaseNumber: r.matter_case_number ?? '',
      ticket: logTicket(r),
    }))
    const last = rows[rows.length - 1]
    if (last === undefined || rows.length < PAGE) return
    after = [last.hall_day, last.day_seq]
  }
}

export async function countLogRows(db: Kysely<Database>, period: Period): Promise<number> {
  const row = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('hall_day', '>=', hallDayOf(period.from))
    .where('hall_day', '<=', hallDayOf(period.to))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
