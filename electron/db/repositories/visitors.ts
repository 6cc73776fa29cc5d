import type { Kysely } from 'kysely'
import type { Database, NewVisitor, Visitor } from '../schema'

export async function findVisitorByIdNumber(
  db: Kysely<Database>,
  idNumber: string,
): Promise<Visitor | undefined> {
  return db.selectFrom('visitors').selectAll().where('id_number', '=', idNumber).executeTakeFirst()
}

/**
 * Stores a new visitor unless one with the ID number exists by now; undefined when one does. On
 * PostgreSQL it waits for another desk registering the same person at this moment and, once that
 * desk has committed, stores nothing: the caller reads that desk's visitor record instead.
 */
export async function insertVisitorUnlessKnown(db: Kysely<Database>, visitor: NewVisitor): Promise<number | undefined> {
  const row = await db
    .insertInto('visitors')
    .values(visitor)
    .onConflict((oc) => oc.column('id_number').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

/** Keeps the visitor's contact details current; the visit keeps its own snapshot. */
export async function updateVisitorContact(
  db: Kysely<Database>,
  id: number,
  changes: Pick<NewVisitor, 'name' | 'phone' | 'address' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('visitors').set(changes).where('id', '=', id).execute()
}
