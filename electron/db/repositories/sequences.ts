import type { Kysely } from 'kysely'
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
