import type { Kysely } from 'kysely'
import { hallDayOf } from '../../../shared/days'
import { sql } from 'kysely'
import type { Period } from '../../../shared/reports/period'
import { daysOf } from '../../../shared/reports/period'
import type { CountRow, Rate, Statistics } from '../../../shared/reports/types'
import { hallDate } from '../../../shared/time'
import type { Database } from '../../db/schema'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'

const rate = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : numerator / denominator,
})

/**
 * The hall's numbers for a period (DESIGN §4). One function serves the statistics page and
 * every export, so they cannot disagree.
 *
 * - 批次 / 人次: registrations, and their visitors (a group visit is one batch, N persons).
 * - 及时受理率: of the cases whose written notice of the decision was due before `today` or was
 *   given (a notice due today can still be given in time), the share given on or before its deadline.
 * - 按期办结率: of the cases closed in the period, the share closed on or before their
 *   (possibly extended) handling deadline; 当场办结 counts as on time.
 * - 满意率: of the cases rated in a 回访 in the period, the share rated 满意 or 基本满意.
 * - 当日办结率: of the cases registered in the period, the share closed the same day.
 * - 重复来访: registrations whose visitor (by ID number) had visited before (per person); 重复来访（按事项）:
 *   registrations a receptionist confirmed as the same matter as an earlier case, and how many matters they were on.
 */
/** The largest id a visit can have: the hall database's ids are 32-bit integers. */
const MAX_ID = 2_147_483_647

export async function statistics(db: Kysely<Database>, period: Period, today: string): Promise<Statistics> {
  const from = hallDayOf(period.from)
  const to = hallDayOf(period.to)
  const inPeriod = db.selectFrom('visits as v').where('v.hall_day', '>=', from).where('v.hall_day', '<=', to)
  const batchesCol = sql<number>`count(*)`.as('batches')
  const personsCol = sql<number>`sum(v.headcount)`.as('persons')

  const [byDayRows, byCategory, byUnit, byReceptionist, totals, closing, rated, matters] = await Promise.all([
    inPeriod.select(['v.hall_day as day', batchesCol, personsCol]).groupBy('v.hall_day').execute(),
    inPeriod
      .innerJoin('categories as c', 'c.id', 'v.category_id')
      .select(['c.name as name', batchesCol, personsCol])
      .groupBy('c.id')
      .orderBy('batches', 'desc')
      .execute(),
    inPeriod
      .leftJoin('units as u', 'u.id', 'v.unit_id')
      .select([sql<string>`coalesce(u.name, '')`.as('name'), batchesCol, personsCol])
      .groupBy('u.id')
      .orderBy('batches', 'desc')
      .execute(),
    inPeriod
      .innerJoin('users as r', 'r.id', 'v.receptionist_id')
      .select(['r.name as name', batchesCol, personsCol])
      .groupBy('r.id')
      .orderBy('batches', 'desc')
      .execute(),
    inPeriod
      .select([
        sql<number>`sum(case when v.notice_day is not null or v.notice_due < ${today} then 1 else 0 end)`.as('noticeDue'),
        sql<number>`sum(case when v.notice_day is not null and v.notice_day <= v.notice_due then 1 else 0 end)`.as('noticeInTime'),
        sql<number>`sum(case when v.closed_day = substr(v.hall_day, 1, 4) || '-' || substr(v.hall_day, 5, 2) || '-' || substr(v.hall_day, 7, 2) then 1 else 0 end)`.as('sameDay'),
        sql<number>`sum(v.repeat_visit)`.as('repeats'),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('visits as v')
      .select([
        sql<number>`count(*)`.as('closed'),
        sql<number>`sum(case when v.closed_day <= v.closed_due_date then 1 else 0 end)`.as('onTime'),
      ])
      .where('v.closed_day', '>=', period.from)
      .where('v.closed_day', '<=', period.to)
      .executeTakeFirstOrThrow(),
    // The rating is read from the 回访 event itself, through a covering index.
    db
      .selectFrom('case_events as e')
      .select(['e.data', sql<number>`count(distinct e.visit_id)`.as('n')])
      .where('e.action', '=', 'followUp')
      .where('e.day', '>=', period.from)
      .where('e.day', '<=', period.to)
      .groupBy('e.data')
      .execute(),
    // Read from visits_matter_idx alone: only the repeat visits on a matter are in its non-null
    // part. Bounded on both sides (every id, 32-bit on PostgreSQL), so that SQLite's planner sees
    // the range and takes that index: with `is not null` it walked a year of visit rows instead
    // (955 ms against 0.6 ms on a million visits).
    db
      .selectFrom('visits as v')
      .select([sql<number>`count(*)`.as('repeats'), sql<number>`count(distinct v.matter_visit_id)`.as('matters')])
      .where('v.matter_visit_id', '>=', 1)
      .where('v.matter_visit_id', '<=', MAX_ID)
      .where('v.hall_day', '>=', from)
      .where('v.hall_day', '<=', to)
      .executeTakeFirstOrThrow(),
  ])

  const perDay = new Map(byDayRows.map((r) => [r.day, r]))
  const byDay = daysOf(period).map((day) => {
    const r = perDay.get(hallDayOf(day))
    return { day, batches: Number(r?.batches ?? 0), persons: Number(r?.persons ?? 0) }
  })
  const rows = (list: { name: string; batches: number; persons: number }[]): CountRow[] =>
    list.map((r) => ({ name: r.name, batches: Number(r.batches), persons: Number(r.persons) }))
  const batches = byDay.reduce((n, d) => n + d.batches, 0)
  const persons = byDay.reduce((n, d) => n + d.persons, 0)
  const ratedCount = (s: string) =>
    rated.filter((r) => (JSON.parse(r.data) as { satisfaction?: string }).satisfaction === s).reduce((n, r) => n + Number(r.n), 0)
  const satisfied = ratedCount('satisfied')
  const basicallySatisfied = ratedCount('basically_satisfied')
  const unsatisfied = ratedCount('unsatisfied')

  return {
    from: period.from,
    to: period.to,
    batches,
    persons,
    byDay,
    byCategory: rows(byCategory),
    byUnit: rows(byUnit),
    byReceptionist: rows(byReceptionist),
    timelyAcceptance: rate(Number(totals.noticeInTime ?? 0), Number(totals.noticeDue ?? 0)),
    onTimeClosing: rate(Number(closing.onTime ?? 0), Number(closing.closed ?? 0)),
    satisfaction: { ...rate(satisfied + basicallySatisfied, satisfied + basicallySatisfied + unsatisfied), satisfied, basicallySatisfied, unsatisfied },
    sameDay: rate(Number(totals.sameDay ?? 0), batches),
    repeatVisits: Number(totals.repeats ?? 0),
    repeatVisitsByMatter: Number(matters.repeats),
    repeatMatters: Number(matters.matters),
  }
}

/** The statistics page's numbers (reports.statistics), counted up to the hall's today. */
export function createStatistics(db: Kysely<Database>) {
  function forPeriod(ctx: CallContext, period: Period): Promise<Statistics> {
    const { hall, now } = signedIn(ctx)
    return statistics(db, period, hallDate(now, hall.time_zone))
  }

  return { forPeriod }
}

export type ReportStatistics = ReturnType<typeof createStatistics>
