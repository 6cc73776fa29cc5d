import type { Kysely } from 'kysely'
import { upWith } from '../0015-matter-pairs'

// Frozen. The PostgreSQL form of 0015 (the matter index in one row per case): the key is bigint
// (category_id · 2³² + visit_id), the packed pairs bytea.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await upWith(db, { key: 'bigint', pairs: 'bytea' })
}
