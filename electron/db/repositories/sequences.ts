import type { Kysely } from 'kysely'
import type { HallDay } from '../../../shared/days'
import { sql } from 'kysely'
import { hallDay } from '../../../shared/case-number'
import { isPostgres } from '../dialect'
import type { Database } from '../schema'

/**
 * The instant and hall day a registration is numbered by. SQLite (one desk): the desk's clock.
 * PostgreSQL (a hall): the database server's clock and the day in the hall's time zone computed
 * by the server, so that a desk with a wrong clock can neither split a day nor reuse a number.
 * `testOffsetMs` moves the server's clock for tests only (a fake hall clock; 0 in the app).
 */
export async function hallInstant(db: Kysely<Database>, timeZone: string, deskNow: Date, testOffsetMs = 0): Promise<{ instant: Date; day: HallDay }> {
  if (!isPostgres(db)) return { instant: deskNow, day: hallDay(deskNow, timeZone) }
  const { rows } = await sql<{ instant: Date; day: HallDay }>`
    WITH t AS (SELECT statement_timestamp() + make_interval(secs => ${testOffsetMs / 1000}::double precision) AS at)
    SELECT at AS instant, to_char(at AT TIME ZONE ${timeZone}, 'YYYYMMDD') AS day FROM t`.execute(db)
  const row = rows[0]
  if (row === undefined) throw new Error('the server gave no time')
  return { instant: row.instant, day: row.day }
}

/**
 * PostgreSQL: a lock this transaction waits for (the day counter, the audit chain) is given up
 * after `ms`, so the caller can retry instead of hanging behind a frozen desk. SQLite: nothing
 * (its busy timeout does that).
 */
export async function limitLockWait(db: Kysely<Database>, ms: number): Promise<void> {
  if (isPostgres(db)) await sql.raw(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(ms))}`).execute(db)
}

/**
 * The start of a transaction that writes after reading. SQLite: takes the file's write lock at
 * once with a write that changes nothing, so a second process waits for it (busy timeout) instead
 * of failing later on a stale snapshot. PostgreSQL: nothing (rows are locked as they are written;
 * the day's counter is taken last, see nextDaySequence).
 */
export async function beginWriting(db: Kysely<Database>): Promise<void> {
  if (!isPostgres(db)) await sql`UPDATE case_sequences SET last_seq = last_seq WHERE 0`.execute(db)
}

/**
 * Takes the next number of the hall day's sequence. Run inside the registration transaction:
 * a rollback gives the number back, so numbers have no gaps. On PostgreSQL it row-locks the day's
 * counter to the commit, so every desk of the hall queues here: take it as late as possible.
 */
export async function nextDaySequence(db: Kysely<Database>, hallDay: HallDay): Promise<number> {
  const row = await db
    .insertInto('case_sequences')
    .values({ hall_day: hallDay, last_seq: 1 })
    .onConflict((oc) => oc.column('hall_day').doUpdateSet((eb) => ({ last_seq: eb('case_sequences.last_seq', '+', 1) })))
    .returning('last_seq')
    .executeTakeFirstOrThrow()
  return row.last_seq
}

/** Every hall day's last issued number. */
export function listDaySequences(db: Kysely<Database>): Promise<{ hall_day: HallDay; last_seq: number }[]> {
  return db.selectFrom('case_sequences').select(['hall_day', 'last_seq']).execute()
}

/** Raises days' sequences to at least the given numbers (never lowers one): no number is issued twice. */
export async function raiseDaySequences(db: Kysely<Database>, days: readonly { hall_day: HallDay; last_seq: number }[]): Promise<void> {
  for (const { hall_day, last_seq } of days) {
    await db
      .insertInto('case_sequences')
      .values({ hall_day, last_seq })
      .onConflict((oc) =>
        oc.column('hall_day').doUpdateSet({
          last_seq: isPostgres(db) ? sql<number>`greatest(case_sequences.last_seq, excluded.last_seq)` : sql<number>`max(case_sequences.last_seq, excluded.last_seq)`,
        }),
      )
      .execute()
  }
}
