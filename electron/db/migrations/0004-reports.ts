import type { Kysely } from 'kysely'

// Frozen. What the hall's statistics count, kept on the case as it happens so that a year of
// cases is counted with plain SQL: the notice and closing days and their deadlines.
// Backup settings for the scheduled backup.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['notice_due', 'notice_day', 'closed_day', 'closed_due_date']) {
    await db.schema.alterTable('visits').addColumn(column, 'text').execute()
  }
  await db.schema.alterTable('hall').addColumn('backup_folder', 'text').execute()
  await db.schema.alterTable('hall').addColumn('backup_keep_days', 'integer', (c) => c.notNull().defaultTo(30)).execute()
  await db.schema.createIndex('visits_closed_day_idx').on('visits').column('closed_day').execute()
  await db.schema.createIndex('case_events_action_day_idx').on('case_events').columns(['action', 'day']).execute()
}
