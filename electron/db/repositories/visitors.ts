import type { Kysely } from 'kysely'
import type { Database, NewVisitor, Visitor } from '../schema'

export async function findVisitorByIdNumber(
  db: Kysely<Database>,
  idNumber: string,
): Promise<Visitor | undefined> {
  return db.selectFrom('visitors').selectAll().where('id_number', '=', idNumber).executeTakeFirst()
}

export async function insertVisitor(db: Kysely<Database>, visitor: NewVisitor): Promise<number> {
  const row = await db.insertInto('visitors').values(visitor).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** Keeps the visitor's contact details current; the visit keeps its own snapshot. */
export async function updateVisitorContact(
  db: Kysely<Database>,
  id: number,
  changes: Pick<NewVisitor, 'name' | 'phone' | 'address' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('visitors').set(changes).where('id', '=', id).execute()
}
