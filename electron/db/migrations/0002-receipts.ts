import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Frozen. Receipts (回执): hall contact details and receipt settings, where a refused or
// transferred visitor is sent and why, and a record of every print and reprint.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('hall').addColumn('address', 'text', (c) => c.notNull().defaultTo('')).execute()
  await db.schema.alterTable('hall').addColumn('phone', 'text', (c) => c.notNull().defaultTo('')).execute()
  await db.schema
    .alterTable('hall')
    .addColumn('receipt_layout', 'text', (c) => c.notNull().defaultTo('a4').check(sql`receipt_layout in ('a4', 'a5', 'thermal80')`))
    .execute()
  await db.schema.alterTable('hall').addColumn('receipt_printer', 'text').execute()

  // 转送 and 不予受理 always name the competent body and the reason.
  await db.schema.alterTable('visits').addColumn('routing_body', 'text').execute()
  await db.schema.alterTable('visits').addColumn('routing_reason', 'text').execute()

  await db.schema
    .createTable('receipt_prints')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id'))
    .addColumn('copy_no', 'integer', (c) => c.notNull().check(sql`copy_no >= 1`))
    .addColumn('target', 'text', (c) => c.notNull().check(sql`target in ('printer', 'pdf', 'browser')`))
    .addColumn('printer', 'text')
    .addColumn('layout', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'succeeded', 'failed')`))
    .addColumn('failure_reason', 'text')
    .addColumn('completed_at', 'text')
    .execute()
  await db.schema.createIndex('receipt_prints_visit_idx').on('receipt_prints').columns(['visit_id', 'id']).execute()
}
