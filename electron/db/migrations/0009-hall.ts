import type { Kysely } from 'kysely'

/**
 * Frozen. One hall, many desks (issue #10), the same on both engines (schema builder only):
 * - visits.desk, receipt_prints.desk, audit_log.desk: the desk (e.g. 3号窗口) that registered,
 *   printed or wrote the row; null for rows from before, and for a desk started without a name.
 * - visits.idempotency_key: made by the form when it was started; a retry of 登记 with the same
 *   key returns the first registration instead of making a second (unique; null for old rows).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('visits').addColumn('desk', 'text').execute()
  await db.schema.alterTable('visits').addColumn('idempotency_key', 'text').execute()
  await db.schema.createIndex('visits_idempotency_key_idx').on('visits').column('idempotency_key').unique().execute()
  await db.schema.alterTable('receipt_prints').addColumn('desk', 'text').execute()
  await db.schema.alterTable('audit_log').addColumn('desk', 'text').execute()
}
