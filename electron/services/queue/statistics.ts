import type { Kysely } from 'kysely'
import { hallDayOf, type IsoDay } from '../../../shared/days'
import type { Satisfaction } from '../../../shared/cases/machine'
import type { CallCount, TimedTicket } from '../../../shared/queue/times'
import { queueTimesBy } from '../../../shared/queue/times'
import type { QueueStatistics, RatingCounts } from '../../../shared/queue/types'
import type { Database, QueueTicket } from '../../db/schema'
import { callCountsOfPeriod, listTicketsOfPeriod, ratingsOfPeriod } from '../../db/repositories/queue'

/** A ticket row as the time rules read it (shared/queue/times.ts). */
export function timedTicket(r: QueueTicket): TimedTicket {
  return { kind: r.kind, hallDay: r.hall_day, window: r.window_no, issuedAt: r.issued_at, calledAt: r.called_at, lastCalledAt: r.last_called_at, servedAt: r.served_at }
}

function ratingCounts(values: readonly (Satisfaction | null)[]): RatingCounts {
  const c = { satisfied: 0, basically_satisfied: 0, unsatisfied: 0 }
  for (const v of values) if (v !== null) c[v] += 1
  const total = c.satisfied + c.basically_satisfied + c.unsatisfied
  return { ...c, rate: total === 0 ? null : c.satisfied / total }
}

/**
 * Waiting (取号 → 叫号) and service (叫号 → 登记) times per window, kind and day, the counts of
 * tickets, calls and 过号, and the on-the-spot ratings beside the 回访 ones, for hall days
 * `from`–`to` (both included).
 */
export async function queueStatistics(db: Kysely<Database>, from: IsoDay, to: IsoDay): Promise<QueueStatistics> {
  const tickets = (await listTicketsOfPeriod(db, from, to)).map(timedTicket)
  const calls: CallCount[] = (await callCountsOfPeriod(db, from, to)).map((c) => ({ hallDay: c.hall_day, kind: c.kind, window: c.window_no, action: c.action, n: c.n }))
  const ratings = await ratingsOfPeriod(db, hallDayOf(from), hallDayOf(to))
  return {
    from,
    to,
    byWindow: queueTimesBy('window', tickets, calls),
    byKind: queueTimesBy('kind', tickets, calls),
    byDay: queueTimesBy('day', tickets, calls),
    onsite: ratingCounts(ratings.map((r) => r.onsite)),
    followUp: ratingCounts(ratings.map((r) => r.followUp)),
  }
}
