import type { Kysely } from 'kysely'
import { matterTerms, packPairs } from '../../../shared/matters/similarity'

// Frozen. The matter index in one row per case (issue #16). matter_terms kept a row per case and
// character pair, keyed by category and pair: each registration wrote about 260 rows onto as many
// pages of that index, and a search of a category whose pairs are common read hundreds of
// thousands of them. Now matter_docs holds each case's pairs packed (shared/matters/similarity:
// sorted 32-bit codes): a registration writes one row, and a search reads one category's rows.
// - doc_key = category_id · 2³² + visit_id is the primary key, so that on SQLite (where a table is
//   stored in its key's order) a category's cases lie together in the file and a search reads
//   only their pages; visit_id stays unique, for the steps and the retention purge.
// - The cases already indexed are copied with their pairs, computed from their visits' text.
// - matter_terms goes.
// The PostgreSQL form (postgres/0015-matter-pairs.ts) differs in the key's and the pairs' types.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await upWith(db, { key: 'integer', pairs: 'blob' })
}

export async function upWith(db: Db, types: { key: 'integer' | 'bigint'; pairs: 'blob' | 'bytea' }): Promise<void> {
  await db.schema.alterTable('matter_docs').renameTo('matter_docs_0013').execute()
  await db.schema.dropIndex('matter_docs_closed_idx').execute()
  await db.schema
    .createTable('matter_docs')
    .addColumn('doc_key', types.key, (c) => c.primaryKey())
    .addColumn('visit_id', 'integer', (c) => c.notNull().unique().references('visits.id'))
    .addColumn('category_id', 'integer', (c) => c.notNull())
    .addColumn('terms', 'integer', (c) => c.notNull())
    .addColumn('closed_day', 'text')
    .addColumn('pairs', types.pairs, (c) => c.notNull())
    .execute()
  for (let after = 0; ; ) {
    const rows: { visit_id: number; category_id: number; closed_day: string | null; facts: string; demands: string }[] = await db
      .selectFrom('matter_docs_0013 as d')
      .innerJoin('visits as v', 'v.id', 'd.visit_id')
      .select(['d.visit_id', 'v.category_id', 'd.closed_day', 'v.facts', 'v.demands'])
      .where('d.visit_id', '>', after)
      .orderBy('d.visit_id')
      .limit(500)
      .execute()
    if (rows.length === 0) break
    await db
      .insertInto('matter_docs')
      .values(
        rows.map((r) => {
          const pairs = matterTerms(r.facts, r.demands)
          return { doc_key: r.category_id * 2 ** 32 + r.visit_id, visit_id: r.visit_id, category_id: r.category_id, terms: pairs.length, closed_day: r.closed_day, pairs: packPairs(pairs) }
        }),
      )
      .execute()
    after = rows[rows.length - 1]?.visit_id ?? after
  }
  await db.schema.dropTable('matter_docs_0013').execute()
  await db.schema.dropTable('matter_terms').execute()
  // Pruning the cases that left the window.
  await db.schema.createIndex('matter_docs_closed_idx').on('matter_docs').column('closed_day').execute()
}
