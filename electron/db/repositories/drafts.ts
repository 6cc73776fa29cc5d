import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../schema'

export async function getDraft(
  db: Kysely<Database>,
  userId: number,
): Promise<{ payload: string; step: number; updated_at: string } | undefined> {
  return db
    .selectFrom('drafts')
    .select(['payload', 'step', 'updated_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

export async function saveDraft(
  db: Kysely<Database>,
  draft: { user_id: number; payload: string; step: number; updated_at: string },
): Promise<void> {
  await db
    .insertInto('drafts')
    .values(draft)
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ payload: draft.payload, step: draft.step, updated_at: draft.updated_at }),
    )
    .execute()
}

export async function deleteDraft(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('drafts').where('user_id', '=', userId).execute()
}

/**
 * Hall mode: the desk's own SQLite file of drafts (the hall's users' ids, no foreign key: the
 * users live on the hall's server). Created on first start; the single table never changes shape.
 */
export async function createLocalDraftsTable(db: Kysely<Database>): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS drafts (
    user_id integer PRIMARY KEY, payload text NOT NULL, step integer NOT NULL, updated_at text NOT NULL)`.execute(db)
}
