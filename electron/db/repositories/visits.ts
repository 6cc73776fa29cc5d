import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { HallDay } from '../../../shared/days'
import { deskOf, isPostgres } from '../dialect'
import type { Database, NewVisit } from '../schema'

/** Stores the visit with the desk that registered it (the handle's desk, see dialect.ts). */
export async function insertVisit(db: Kysely<Database>, visit: NewVisit): Promise<number> {
  const row = await db
    .insertInto('visits')
    .values({ ...visit, desk: deskOf(db) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * Stores a registration's visit before it has its number, so that what hangs on the visit (its
 * event, search and matter index rows, the queue link) is written before the day's counter is
 * taken. Its provisional case and day numbers are ones no committed row has and no other open
 * transaction can have: PostgreSQL, this session's backend pid (unique among live sessions, and a
 * session runs one transaction at a time); SQLite, one writer at a time. numberVisit replaces them.
 */
export async function insertUnnumberedVisit(db: Kysely<Database>, visit: Omit<NewVisit, 'case_number' | 'day_seq'>): Promise<number> {
  const pg = isPostgres(db)
  const row = await db
    .insertInto('visits')
    .values({
      ...visit,
      case_number: pg ? sql<string>`'~' || pg_backend_pid()` : '~',
      day_seq: pg ? sql<number>`-pg_backend_pid()` : -1,
      desk: deskOf(db),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Gives a visit stored by insertUnnumberedVisit its case number and its number of the day. */
export async function numberVisit(db: Kysely<Database>, visitId: number, caseNumber: string, daySeq: number): Promise<void> {
  await db.updateTable('visits').set({ case_number: caseNumber, day_seq: daySeq }).where('id', '=', visitId).execute()
}

/** The registration an idempotency key already made, if any. */
export async function findVisitByIdempotencyKey(db: Kysely<Database>, key: string) {
  return db.selectFrom('visits').select(['id', 'case_number', 'registered_at']).where('idempotency_key', '=', key).executeTakeFirst()
}

const answerColumns = [
  'v.facts',
  'v.facts_mark',
  'v.facts_reason',
  'v.demands',
  'v.demands_mark',
  'v.demands_reason',
  'v.difficulties',
  'v.difficulties_mark',
  'v.difficulties_reason',
  'v.history',
  'v.history_mark',
  'v.history_reason',
  'v.prior_handling',
  'v.prior_handling_mark',
  'v.prior_handling_reason',
] as const

/** Earlier visits of one visitor, newest first, read from the covering history index alone. */
export async function listVisitsOfVisitor(db: Kysely<Database>, visitorId: number, limit = 50) {
  return db
    .selectFrom('visits as v')
    .innerJoin('categories as c', 'c.id', 'v.category_id')
    .select(['v.id', 'v.case_number', 'v.registered_at', 'v.routing', 'c.name as category'])
    .where('v.visitor_id', '=', visitorId)
    .orderBy('v.registered_at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(limit)
    .execute()
}

/** The five answers of one visit. */
export async function answersOfVisit(db: Kysely<Database>, visitId: number) {
  return db.selectFrom('visits as v').select(answerColumns).where('v.id', '=', visitId).executeTakeFirst()
}

/**
 * One hall day's registrations, newest first, for 今日台账. The visitor's ID number is looked up
 * per row by its key: joined, PostgreSQL hashed the whole visitors table for a day's 2,000 rows
 * (every page of it read, 92 against 31 ms at 100,000 visits).
 */
export async function listVisitsOfDay(db: Kysely<Database>, hallDay: HallDay) {
  return db
    .selectFrom('visits as v')
    .innerJoin('categories as c', 'c.id', 'v.category_id')
    .innerJoin('users as u', 'u.id', 'v.receptionist_id')
    .select((eb) => [
      'v.case_number',
      'v.registered_at',
      'v.visitor_name',
      eb.selectFrom('visitors as p').select('p.id_number').whereRef('p.id', '=', 'v.visitor_id').as('id_number'),
      'v.kind',
      'v.headcount',
      'v.routing',
      'c.name as category',
      'u.name as receptionist',
      'v.receptionist_id',
      'v.desk',
    ])
    .where('v.hall_day', '=', hallDay)
    .orderBy('v.day_seq', 'desc')
    .execute()
}

/** The newest visit's id, 0 when there is none. */
export async function lastVisitId(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('visits').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst()
  return row?.id ?? 0
}

/** The case numbers of the visits after a given id, oldest first. */
export async function listCaseNumbersAfter(db: Kysely<Database>, visitId: number): Promise<string[]> {
  const rows = await db.selectFrom('visits').select('case_number').where('id', '>', visitId).orderBy('id').execute()
  return rows.map((r) => r.case_number)
}

/** Which of these case numbers exist. */
export async function existingCaseNumbers(db: Kysely<Database>, caseNumbers: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>()
  // In slices: SQLite binds a limited number of parameters per statement.
  for (let i = 0; i < caseNumbers.length; i += 500) {
    const rows = await db.selectFrom('visits').select('case_number').where('case_number', 'in', caseNumbers.slice(i, i + 500)).execute()
    for (const r of rows) found.add(r.case_number)
  }
  return found
}
