import type { Kysely } from 'kysely'
import type { Database } from '../schema'

export async function listActiveCategories(db: Kysely<Database>): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('categories')
    .select(['id', 'name'])
    .where('retired', '=', 0)
    .orderBy('sort_order')
    .orderBy('id')
    .execute()
}

export async function findActiveCategory(
  db: Kysely<Database>,
  id: number,
): Promise<{ id: number; name: string } | undefined> {
  return db
    .selectFrom('categories')
    .select(['id', 'name'])
    .where('id', '=', id)
    .where('retired', '=', 0)
    .executeTakeFirst()
}
