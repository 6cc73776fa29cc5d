import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Frozen. Measured with `npm run bench` on a million visits: a year's statistics read every
// visit row of the year (wide rows: the five answers) and probed each visitor's history.
// Covering indexes let them read the index alone, and a repeat visit is flagged once, when it
// is registered, instead of being worked out again for every report.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('visits').addColumn('repeat_visit', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await sql`UPDATE visits SET repeat_visit = 1 WHERE EXISTS (
    SELECT 1 FROM visits e WHERE e.visitor_id = visits.visitor_id AND e.registered_at < visits.registered_at)`.execute(db)
  await db.schema
    .createIndex('visits_period_idx')
    .on('visits')
    .columns(['hall_day', 'category_id', 'unit_id', 'receptionist_id', 'headcount', 'visitor_id', 'registered_at', 'notice_day', 'notice_due', 'closed_day', 'repeat_visit'])
    .execute()
  await db.schema.createIndex('visits_closed_due_idx').on('visits').columns(['closed_day', 'closed_due_date']).execute()
  await db.schema.createIndex('visits_history_idx').on('visits').columns(['visitor_id', 'registered_at', 'case_number', 'routing', 'category_id']).execute()
  await db.schema.createIndex('case_events_followup_idx').on('case_events').columns(['action', 'day', 'data', 'visit_id']).execute()
}
