import type { Insertable, Kysely, Updateable } from 'kysely'
import type { HallDay } from '../../../shared/days'
import { sql } from 'kysely'
import { bigramRuns, toBigrams } from '../../../shared/search/bigrams'
import { maskIdNumber } from '../../../shared/id-number'
import { isPostgres } from '../dialect'
import type { CaseEventTable, Database, VisitTable } from '../schema'

/** A case with everything its page shows, by case number. */
export async function findCase(db: Kysely<Database>, caseNumber: string) {
  return db
    .selectFrom('visits as v')
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .innerJoin('categories as c', 'c.id', 'v.category_id')
    .leftJoin('units as u', 'u.id', 'v.unit_id')
    .leftJoin('visits as l', 'l.id', 'v.linked_visit_id')
    .leftJoin('visits as m', 'm.id', 'v.matter_visit_id')
    .selectAll('v')
    .select(['p.id_number', 'p.birth_date', 'p.sex', 'c.name as category_name', 'u.name as unit_name', 'l.case_number as linked_case_number', 'm.case_number as matter_case_number'])
    .where('v.case_number', '=', caseNumber)
    .executeTakeFirst()
}

export async function updateCase(db: Kysely<Database>, visitId: number, changes: Updateable<VisitTable>): Promise<void> {
  await db.updateTable('visits').set(changes).where('id', '=', visitId).execute()
}

export async function insertEvent(db: Kysely<Database>, event: Insertable<CaseEventTable>): Promise<void> {
  await db.insertInto('case_events').values(event).execute()
}

export async function listEvents(db: Kysely<Database>, visitId: number) {
  return db
    .selectFrom('case_events as e')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.id', 'e.at', 'e.day', 'e.action', 'e.from_status', 'e.to_status', 'e.note', 'e.data', 'u.name as user_name'])
    .where('e.visit_id', '=', visitId)
    .orderBy('e.id')
    .execute()
}

/** The first day a receipt of the case was printed: the written notice went out then. */
export async function firstPrintAt(db: Kysely<Database>, visitId: number): Promise<string | null> {
  const row = await db
    .selectFrom('receipt_prints')
    .select((eb) => eb.fn.min('requested_at').as('at'))
    .where('visit_id', '=', visitId)
    .where('status', '=', 'succeeded')
    .executeTakeFirst()
  return (row?.at as string | null | undefined) ?? null
}

export async function otherVisitsOf(db: Kysely<Database>, visitorId: number, exceptVisitId: number) {
  return db
    .selectFrom('visits as v')
    .innerJoin('categories as c', 'c.id', 'v.category_id')
    .select(['v.case_number', 'v.registered_at', 'c.name as category', 'v.status'])
    .where('v.visitor_id', '=', visitorId)
    .where('v.id', '!=', exceptVisitId)
    .orderBy('v.registered_at', 'desc')
    .limit(50)
    .execute()
}

export async function openCaseIds(db: Kysely<Database>, openStatuses: readonly string[], onlyMissingDue = false): Promise<string[]> {
  let q = db
    .selectFrom('visits')
    .select('case_number')
    .where('status', 'in', openStatuses as VisitTable['status'][])
  if (onlyMissingDue) q = q.where('due_date', 'is', null).where('clock_paused', '=', 0)
  const rows = await q.execute()
  return rows.map((r) => r.case_number)
}

/** Adds a case to the search index (character pairs; see shared/search/bigrams). */
export async function indexCase(db: Kysely<Database>, visitId: number, nameBigrams: string, answerBigrams: string): Promise<void> {
  if (isPostgres(db)) {
    await db.insertInto('visit_search').values({ visit_id: visitId, name: nameBigrams, answers: answerBigrams }).execute()
    return
  }
  await sql`INSERT INTO visit_search (rowid, name, answers) VALUES (${visitId}, ${nameBigrams}, ${answerBigrams})`.execute(db)
}

/**
 * Takes cases out of the search index. SQLite's index is contentless: a row is removed by
 * handing FTS5 the very pairs it was given, made again from the stored name and answers (the
 * values indexCase was called with).
 */
export async function unindexCases(db: Kysely<Database>, visitIds: readonly number[]): Promise<void> {
  if (visitIds.length === 0) return
  if (isPostgres(db)) {
    await db.deleteFrom('visit_search').where('visit_id', 'in', visitIds).execute()
    return
  }
  const rows = await db
    .selectFrom('visits')
    .select(['id', 'visitor_name', 'facts', 'demands', 'difficulties', 'history', 'prior_handling'])
    .where('id', 'in', visitIds)
    .execute()
  for (const r of rows) {
    const answers = toBigrams([r.facts, r.demands, r.difficulties, r.history, r.prior_handling].join('\n'))
    await sql`INSERT INTO visit_search (visit_search, rowid, name, answers) VALUES ('delete', ${r.id}, ${toBigrams(r.visitor_name)}, ${answers})`.execute(db)
  }
}

/**
 * The ids of the newest `limit` cases whose visitor name (or answers) hold every run of the
 * query as a substring, as a subquery for `where('v.id', 'in', …)`. Null when the query has no
 * run of two or more characters. SQLite: the FTS5 phrase of each run's pairs. PostgreSQL: the
 * GIN index finds rows holding all the pairs (exactly: `@>` needs no recheck, so the bitmap scan
 * reads no pair string); a run of two characters is one pair, and holding it is its phrase. The
 * adjacency of a longer run's pairs is checked on the space-separated pair string itself, which
 * gives the same answer as the phrase: that string is large (TOASTed), so it is read only for the
 * newest candidates, one after another until `limit` of them match, not for every row the index
 * finds (a common term finds thousands).
 */
export function matchingVisitIds(db: Kysely<Database>, column: 'name' | 'answers', query: string, limit: number) {
  const runs = bigramRuns(query)
  if (runs === null) return null
  if (isPostgres(db)) {
    const col = sql.ref(column)
    const pairs = [...new Set(runs.flat())]
    const holding = sql`string_to_array(${col}, ' ') @> ${pairs}::text[]`
    // The candidates' ids, sorted (OFFSET 0 keeps the subquery whole: with the LIMIT pushed into
    // it, the planner walked the primary key instead, splitting every row's pairs).
    const candidates = sql`(SELECT visit_id FROM visit_search WHERE ${holding} ORDER BY visit_id DESC OFFSET 0) c`
    const phrases = runs.filter((run) => run.length > 1)
    if (phrases.length === 0) return sql<number>`(SELECT c.visit_id FROM ${candidates} ORDER BY c.visit_id DESC LIMIT ${limit})`
    const own = sql.ref(`s.${column}`)
    const adjacent = phrases.map((run) => sql`(' ' || ${own} || ' ') LIKE ${`% ${run.join(' ')} %`}`)
    // The phrase is checked row by row, newest first, only until the LIMIT is reached.
    return sql<number>`(SELECT c.visit_id FROM ${candidates}
      WHERE (SELECT ${sql.join(adjacent, sql` AND `)} FROM visit_search s WHERE s.visit_id = c.visit_id) ORDER BY c.visit_id DESC LIMIT ${limit})`
  }
  const match = runs.map((pairs) => `"${pairs.join(' ').replace(/"/g, '""')}"`).join(' AND ')
  return sql<number>`(SELECT rowid FROM visit_search WHERE visit_search MATCH ${`${column} : (${match})`} ORDER BY rowid DESC LIMIT ${limit})`
}

/** The base query of every case list: ID numbers are read only to be masked. */
export function caseListQuery(db: Kysely<Database>) {
  return db
    .selectFrom('visits as v')
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .innerJoin('categories as c', 'c.id', 'v.category_id')
    .leftJoin('units as u', 'u.id', 'v.unit_id')
    .select((eb) => [
      'v.id',
      'v.case_number',
      'v.registered_at',
      'v.visitor_name',
      'p.id_number',
      'c.name as category',
      'u.name as unit',
      'v.status',
      'v.due_date',
      'v.clock_paused',
      'v.extension_days',
      'v.leader_name',
      // Repeat visits confirmed as this matter, through visits_matter_idx.
      eb.selectFrom('visits as r').select(sql<number>`count(*)`.as('n')).whereRef('r.matter_visit_id', '=', 'v.id').as('repeat_visits'),
    ])
}

type CaseListQueryRow = Awaited<ReturnType<ReturnType<typeof caseListQuery>['execute']>>[number]

/** What every list of cases shows of one (督办, search, the matter candidates), its ID number masked. */
export function caseSummary(r: CaseListQueryRow) {
  return {
    caseNumber: r.case_number,
    registeredAt: r.registered_at,
    visitorName: r.visitor_name,
    maskedIdNumber: maskIdNumber(r.id_number),
    category: r.category,
    unit: r.unit,
    status: r.status,
    dueDate: r.due_date,
    repeatVisits: Number(r.repeat_visits ?? 0),
  }
}

/** Search: the newest cases numbered `seq` on any day, or on one hall day (YYYYMMDD). */
export function casesByDaySeq(db: Kysely<Database>, hallDay: HallDay | null, seq: number | null, limit: number) {
  let q = caseListQuery(db)
  if (hallDay !== null) q = q.where('v.hall_day', '=', hallDay)
  if (seq !== null) q = q.where('v.day_seq', '=', seq)
  return q.orderBy('v.id', 'desc').limit(limit).execute()
}

/** Escapes LIKE's wildcards so that the text is matched as written (both engines: ESCAPE '\'). */
function likeText(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** Search: phones ending in the digits typed (the lists show 138****4567). */
export function casesByPhoneTail(db: Kysely<Database>, digits: string, limit: number) {
  return caseListQuery(db)
    .where(sql<boolean>`v.visitor_phone LIKE ${`%${likeText(digits)}`} ESCAPE '\\'`)
    .orderBy('v.id', 'desc')
    .limit(limit)
    .execute()
}

/** Search: cases among `visitIds` whose visitor's ID number ends in the characters typed. */
export function casesByIdTail(db: Kysely<Database>, visitIds: number[], tail: string, limit: number) {
  if (visitIds.length === 0) return Promise.resolve([])
  return caseListQuery(db)
    .where('v.id', 'in', visitIds)
    .where(sql<boolean>`p.id_number LIKE ${`%${likeText(tail)}`} ESCAPE '\\'`)
    .orderBy('v.id', 'desc')
    .limit(limit)
    .execute()
}

/** Search: group visits that list the name among their representatives. */
export function casesByRepresentative(db: Kysely<Database>, name: string, limit: number) {
  return caseListQuery(db)
    .where('v.kind', '=', 'group')
    // The names table, not the JSON column: a record's keys (name, phone) are not anyone's name.
    .where('v.id', 'in', (eb) => eb.selectFrom('visit_representatives as r').select('r.visit_id').where(sql<boolean>`r.name LIKE ${`%${likeText(name)}%`} ESCAPE '\\'`))
    .orderBy('v.id', 'desc')
    .limit(limit)
    .execute()
}

/** Search: cases filed under a category whose name contains the text. */
export async function casesByCategoryName(db: Kysely<Database>, text: string, limit: number) {
  const categories = await db
    .selectFrom('categories')
    .select('id')
    .where(sql<boolean>`name LIKE ${`%${likeText(text)}%`} ESCAPE '\\'`)
    .execute()
  if (categories.length === 0) return []
  return caseListQuery(db)
    .where(
      'v.category_id',
      'in',
      categories.map((c) => c.id),
    )
    .orderBy('v.id', 'desc')
    .limit(limit)
    .execute()
}
