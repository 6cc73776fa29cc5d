import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import { isoDayOf, type HallDay } from '../../shared/days'
import { OPEN_STATUSES } from '../../shared/cases/machine'
import type { CaseStatus } from '../../shared/cases/machine'
import { addDays } from '../../shared/deadlines'
import { matterTerms, packPairs } from '../../shared/matters/similarity'
import { matterDocKey } from '../../electron/db/repositories/matters'

/** The window the migration and a new hall start with (hall.matter_recent_days). */
const RECENT_DAYS = 90

/**
 * The generator's form of backfillMatterIndex (electron/db/repositories/matters.ts): the same
 * rule (open cases, and cases closed within the window) and the same pairs, written with
 * prepared statements in one pass, as the rest of the generated hall is. Returns the rows written (terms: the pairs packed into them).
 */
export function buildMatterIndex(db: BetterSqlite3.Database, today: string): { docs: number; terms: number; representatives: number } {
  const cutoff = addDays(today, -RECENT_DAYS)
  const open = new Set<string>(OPEN_STATUSES)
  const doc = db.prepare('INSERT INTO matter_docs (doc_key, visit_id, category_id, terms, closed_day, pairs) VALUES (?, ?, ?, ?, ?, ?)')
  const rep = db.prepare('INSERT OR IGNORE INTO visit_representatives (name, visit_id) VALUES (?, ?)')
  // A page at a time: better-sqlite3 does not write while a statement of the same connection iterates.
  const page = db.prepare('SELECT id, status, closed_day, hall_day, category_id, facts, demands, kind, representatives FROM visits WHERE id > ? ORDER BY id LIMIT 5000')
  const counts = { docs: 0, terms: 0, representatives: 0 }
  const write = db.transaction((rows: {
    id: number
    status: CaseStatus
    closed_day: string | null
    hall_day: HallDay
    category_id: number
    facts: string
    demands: string
    kind: string
    representatives: string
  }[]) => {
    for (const r of rows) {
      if (r.kind === 'group') {
        for (const name of JSON.parse(r.representatives) as string[]) counts.representatives += rep.run(name, r.id).changes
      }
      const closedDay = open.has(r.status) ? null : (r.closed_day ?? isoDayOf(r.hall_day))
      if (closedDay !== null && closedDay < cutoff) continue
      const pairs = matterTerms(r.facts, r.demands)
      doc.run(matterDocKey(r.category_id, r.id), r.id, r.category_id, pairs.length, closedDay, packPairs(pairs))
      counts.docs += 1
      counts.terms += pairs.length
    }
  })
  for (let after = 0; ; ) {
    const rows = page.all(after) as Parameters<typeof write>[0]
    if (rows.length === 0) break
    write(rows)
    after = rows[rows.length - 1]?.id ?? after
  }
  return counts
}
