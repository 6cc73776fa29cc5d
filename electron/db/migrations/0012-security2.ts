import type { Kysely } from 'kysely'

// Frozen. Security, part two (issue #12):
// - audit_anchors: the chain's end (newest row id, its hash, the row count) as each 校验 found
//   it, signed with the hall's audit key. A later check that finds that row gone, or another
//   row under its id, knows rows were cut from the end of the trail. Plain schema builder
//   statements, the same on SQLite and PostgreSQL.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_anchors')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('last_id', 'integer', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.notNull())
    .execute()
}
