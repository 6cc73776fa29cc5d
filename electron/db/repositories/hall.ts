import type { Kysely } from 'kysely'
import type { Insertable, Updateable } from 'kysely'
import type { Database, Hall, HallTable } from '../schema'

export async function getHall(db: Kysely<Database>): Promise<Hall | undefined> {
  return db.selectFrom('hall').selectAll().where('id', '=', 1).executeTakeFirst()
}

export async function insertHall(db: Kysely<Database>, hall: Omit<Insertable<HallTable>, 'id'>): Promise<void> {
  await db.insertInto('hall').values({ id: 1, ...hall }).execute()
}

export async function updateHall(db: Kysely<Database>, changes: Updateable<HallTable>): Promise<void> {
  await db.updateTable('hall').set(changes).where('id', '=', 1).execute()
}
