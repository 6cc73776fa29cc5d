import type { Kysely } from 'kysely'
import type { Database } from '../schema'

export async function listUnits(db: Kysely<Database>, includeRetired: boolean) {
  let q = db.selectFrom('units').select(['id', 'name', 'retired']).orderBy('sort_order').orderBy('id')
  if (!includeRetired) q = q.where('retired', '=', 0)
  return q.execute()
}

export async function findActiveUnit(db: Kysely<Database>, id: number) {
  return db.selectFrom('units').select(['id', 'name']).where('id', '=', id).where('retired', '=', 0).executeTakeFirst()
}

export async function insertUnit(db: Kysely<Database>, name: string): Promise<number> {
  const max = await db.selectFrom('units').select((eb) => eb.fn.max('sort_order').as('m')).executeTakeFirst()
  const row = await db
    .insertInto('units')
    .values({ name, sort_order: Number(max?.m ?? 0) + 10, retired: 0 })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateUnit(db: Kysely<Database>, id: number, changes: { name?: string; retired?: number }): Promise<number> {
  const r = await db.updateTable('units').set(changes).where('id', '=', id).executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export async function unitNameTaken(db: Kysely<Database>, name: string, exceptId = 0): Promise<boolean> {
  const row = await db.selectFrom('units').select('id').where('name', '=', name).where('id', '!=', exceptId).executeTakeFirst()
  return row !== undefined
}
