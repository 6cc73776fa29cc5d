import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Frozen. The search index no longer merges its segments inside the writing transaction
// (automerge, which made one registration in a few hundred several times slower): the
// maintenance step (electron/db/maintenance.ts) merges a few pages after each registration.
// The setting lives in the index's own config table.
// Four indexes that are a leading part of a wider one added since are dropped: every
// registration wrote them too (28 pages per registration before, measured by the bench).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await sql`INSERT INTO visit_search (visit_search, rank) VALUES ('automerge', 0)`.execute(db)
  // (visitor_id, registered_at) leads visits_history_idx; (closed_day) leads visits_closed_due_idx;
  // (hall_day, day_seq) is the unique constraint's own index; (action, day) leads case_events_followup_idx.
  for (const index of ['visits_visitor_idx', 'visits_closed_day_idx', 'visits_day_idx', 'case_events_action_day_idx']) {
    await db.schema.dropIndex(index).execute()
  }
}
