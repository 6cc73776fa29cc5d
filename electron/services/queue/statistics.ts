import type { Kysely } from 'kysely'
import { hallDayOf, type IsoDay } from '../../../shared/days'
import type { Satisfaction } from '../../../shared/cases/machine'
import type { QueueStatistics, QueueTimes, RatingCounts } from '../../../shared/queue/types'
import type { Database, QueueTicket } from '../../db/schema'
import { listTicketsOfPeriod, ratingsOfPeriod } from '../../db/repositories/queue'
import { averageMinutes } from './times'

function times(key: string, rows: readonly QueueTicket[]): QueueTimes {
  return {
    key,
    tickets: rows.length,
    served: rows.filter((r) => r.status === 'served').length,
    avgWaitMinutes: averageMinutes(rows.map((r) => [r.issued_at, r.called_at])),
    avgServiceMinutes: averageMinutes(rows.filter((r) => r.status === 'served').map((r) => [r.called_at, r.served_at])),
  }
}

function groupBy(rows: readonly QueueTicket[], key: (r: QueueTicket) => string | null): QueueTimes[] {
  const groups = new Map<string, QueueTicket[]>()
  for (const r of rows) {
    const k = key(r)
    if (k === null) continue
    groups.set(k, [...(groups.get(k) ?? []), r])
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([k, g]) => times(k, g))
}

function ratingCounts(values: readonly (Satisfaction | null)[]): RatingCounts {
  const c = { satisfied: 0, basically_satisfied: 0, unsatisfied: 0 }
  for (const v of values) if (v !== null) c[v] += 1
  const total = c.satisfied + c.basically_satisfied + c.unsatisfied
  return { ...c, rate: total === 0 ? null : c.satisfied / total }
}

/**
 * Waiting (取号 → 叫号) and service (叫号 → 登记) times per window, kind and day, and the
 * on-the-spot ratings beside the 回访 ones, for hall days `from`–`to` (YYYY-MM-DD, both included).
 */
export async function queueStatistics(db: Kysely<Database>, from: IsoDay, to: IsoDay): Promise<QueueStatistics> {
  const rows = await listTicketsOfPeriod(db, from, to)
  const ratings = await ratingsOfPeriod(db, hallDayOf(from), hallDayOf(to))
  return {
    from,
    to,
    byWindow: groupBy(rows, (r) => (r.window_no === null ? null : String(r.window_no))),
    byKind: groupBy(rows, (r) => r.kind),
    byDay: groupBy(rows, (r) => r.hall_day),
    onsite: ratingCounts(ratings.map((r) => r.onsite)),
    followUp: ratingCounts(ratings.map((r) => r.followUp)),
  }
}
