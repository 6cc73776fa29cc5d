import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../schema'

/**
 * Takes the next number of the hall day's sequence. Run inside the registration transaction:
 * a rollback gives the number back, so numbers have no gaps.
 */
export async function nextDaySequence(db: Kysely<Database>, hallDay: string): Promise<number> {
  const row = await db
    .insertInto('case_sequences')
    .values({ hall_day: hallDay, last_seq: 1 })
    .onConflict((oc) => oc.column('hall_day').doUpdateSet((eb) => ({ last_seq: eb('case_sequences.last_seq', '+', 1) })))
    .returning('last_seq')
    .executeTakeFirstOrThrow()
  return row.last_seq
}

/** Every hall day's last issued number. */
export function listDaySequences(db: Kysely<Database>): Promise<{ hall_day: string; last_seq: number }[]> {
  return db.selectFrom('case_sequences').select(['hall_day', 'last_seq']).execute()
}

/** Raises days' sequences to at least the given numbers (never lowers one): no number is issued twice. */
export async function raiseDaySequences(db: Kysely<Database>, days: readonly { hall_day: string; last_seq: number }[]): Promise<void> {
  for (const { hall_day, last_seq } of days) {
    await db
      .insertInto('case_sequences')
      .values({ hall_day, last_seq })
      .onConflict((oc) => oc.column('hall_day').doUpdateSet({ last_seq: sql<number>`max(case_sequences.last_seq, excluded.last_seq)` }))
      .execute()
  }
}
