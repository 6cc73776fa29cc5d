import type { Kysely } from 'kysely'

// Frozen. The PostgreSQL form of 0006: the four indexes that lead a wider one are dropped; the
// search index's merge setting is SQLite's own (FTS5) and has no counterpart here.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  for (const index of ['visits_visitor_idx', 'visits_closed_day_idx', 'visits_day_idx', 'case_events_action_day_idx']) {
    await db.schema.dropIndex(index).execute()
  }
}
