import type BetterSqlite3 from 'better-sqlite3'

/**
 * The seven queries of electron/services/reports/statistics.ts as raw SQL, as they are and
 * with two proposed rewrites: repeat visits summed from a flag stored at registration
 * (visits.repeat_visit) instead of a correlated probe per visit, and ratings grouped by the
 * follow-up event's own data through a covering index instead of a visit lookup per event.
 */
export function statisticsQueries(
  raw: BetterSqlite3.Database,
  rewritten: boolean,
): (from: string, to: string, today: string) => void {
  const inPeriod = 'FROM visits v WHERE v.hall_day >= ? AND v.hall_day <= ?'
  const grouped = (join: string, name: string, group: string) =>
    raw.prepare(
      `SELECT ${name} AS name, count(*) AS batches, sum(v.headcount) AS persons FROM visits v ${join} WHERE v.hall_day >= ? AND v.hall_day <= ? GROUP BY ${group} ORDER BY batches DESC`,
    )
  const repeats = rewritten
    ? 'sum(v.repeat_visit)'
    : 'sum(CASE WHEN EXISTS (SELECT 1 FROM visits e WHERE e.visitor_id = v.visitor_id AND e.registered_at < v.registered_at) THEN 1 ELSE 0 END)'
  const q = {
    byDay: raw.prepare(
      `SELECT v.hall_day AS day, count(*) AS batches, sum(v.headcount) AS persons ${inPeriod} GROUP BY v.hall_day`,
    ),
    byCategory: grouped('JOIN categories c ON c.id = v.category_id', 'c.name', 'c.id'),
    byUnit: grouped('LEFT JOIN units u ON u.id = v.unit_id', "coalesce(u.name, '')", 'u.id'),
    byReceptionist: grouped('JOIN users r ON r.id = v.receptionist_id', 'r.name', 'r.id'),
    totals: raw.prepare(
      `SELECT sum(CASE WHEN v.notice_day IS NOT NULL OR v.notice_due < ? THEN 1 ELSE 0 END) AS noticeDue,
        sum(CASE WHEN v.notice_day IS NOT NULL AND v.notice_day <= v.notice_due THEN 1 ELSE 0 END) AS noticeInTime,
        sum(CASE WHEN v.closed_day = substr(v.hall_day, 1, 4) || '-' || substr(v.hall_day, 5, 2) || '-' || substr(v.hall_day, 7, 2) THEN 1 ELSE 0 END) AS sameDay,
        ${repeats} AS repeats ${inPeriod}`,
    ),
    closing: raw.prepare(
      'SELECT count(*) AS closed, sum(CASE WHEN v.closed_day <= v.closed_due_date THEN 1 ELSE 0 END) AS onTime FROM visits v WHERE v.closed_day >= ? AND v.closed_day <= ?',
    ),
    rated: rewritten
      ? raw.prepare(
          "SELECT e.data AS rating, count(DISTINCT e.visit_id) AS n FROM case_events e WHERE e.action = 'followUp' AND e.day >= ? AND e.day <= ? GROUP BY e.data",
        )
      : raw.prepare(
          "SELECT v.satisfaction AS rating, count(DISTINCT e.visit_id) AS n FROM case_events e JOIN visits v ON v.id = e.visit_id WHERE e.action = 'followUp' AND e.day >= ? AND e.day <= ? GROUP BY v.satisfaction",
        ),
  }
  return (from, to, today) => {
    const f = from.replace(/-/g, '')
    const t = to.replace(/-/g, '')
    q.byDay.all(f, t)
    q.byCategory.all(f, t)
    q.byUnit.all(f, t)
    q.byReceptionist.all(f, t)
    q.totals.get(today, f, t)
    q.closing.get(from, to)
    q.rated.all(from, to)
  }
}

/** What the rewrites need: the flag (backfilled as a migration would) and two covering indexes. */
export const REWRITE_MIGRATION = [
  'ALTER TABLE visits ADD COLUMN repeat_visit INTEGER NOT NULL DEFAULT 0',
  'UPDATE visits SET repeat_visit = 1 WHERE EXISTS (SELECT 1 FROM visits e WHERE e.visitor_id = visits.visitor_id AND e.registered_at < visits.registered_at)',
  'DROP INDEX fix_visits_period_idx',
  'CREATE INDEX fix_visits_period_idx ON visits (hall_day, category_id, unit_id, receptionist_id, headcount, visitor_id, registered_at, notice_day, notice_due, closed_day, repeat_visit)',
  'CREATE INDEX fix_events_followup_idx ON case_events (action, day, data, visit_id)',
]
