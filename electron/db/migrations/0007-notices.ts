import type { Kysely } from 'kysely'

/**
 * 告知书: the written notices the visitor is owed print through the receipt renderer and are
 * recorded in the same table. `document` says which paper a print was ('receipt' for the 回执);
 * copy numbers count per case and document. Schema builder only (portable to PostgreSQL).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('receipt_prints').addColumn('document', 'text', (c) => c.notNull().defaultTo('receipt')).execute()
}
