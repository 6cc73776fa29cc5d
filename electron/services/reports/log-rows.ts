import type { Kysely } from 'kysely'
import type { HallDay } from '../../../shared/days'
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
