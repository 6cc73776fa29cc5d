import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { toBigrams } from '../../../shared/search/bigrams'
import { isPostgres } from '../dialect'
import type { Database } from '../schema'

/** A table that moves from a desk's SQLite file to the hall's PostgreSQL database. */
export interface MovedTable {
  name: MovedTableName
  /** Its primary key: rows are read in this order, a batch at a time. */
  key: readonly string[]
  /** Its `id` is an identity column on PostgreSQL, to be set past the copied ids. */
  identity: boolean
}

/** Every table but the search index, which is derived (SQLite's FTS5 cannot be read back; see indexMovedVisits). */
export type MovedTableName = Exclude<keyof Database, 'visit_search'>

const byId = (name: MovedTableName, identity = true): MovedTable => ({ name, key: ['id'], identity })
const by = (name: MovedTableName, ...key: string[]): MovedTable => ({ name, key, identity: false })

/**
 * The tables in the order their foreign keys need (a referenced table before the tables that
 * reference it). A test compares this list with the schema, so a new table cannot be forgotten.
 */
export const MOVED_TABLES: readonly MovedTable[] = [
  byId('hall', false),
  byId('users'),
  byId('categories'),
  byId('units'),
  by('holidays', 'date'),
  byId('deadline_regimes', false),
  byId('visitors'),
  byId('visits'),
  by('case_sequences', 'hall_day'),
  by('drafts', 'user_id'),
  byId('case_events'),
  byId('receipt_prints'),
  byId('leader_receptions'),
  by('leader_reception_cases', 'reception_id', 'visit_id'),
  by('matter_docs', 'visit_id'),
  by('visit_representatives', 'name', 'visit_id'),
  byId('matter_decisions'),
  by('queue_counters', 'hall_day', 'kind'),
  byId('queue_tickets'),
  byId('queue_calls'),
  by('onsite_ratings', 'visit_id'),
  byId('audit_log'),
  byId('audit_anchors'),
]

/** A row as both engines give it; the packed pairs of matter_docs are bytes (Buffer). */
export type MovedRow = Record<string, string | number | Uint8Array | null>

// The copy reads and writes tables by name, which Kysely's typed builder cannot check; the
// column values are copied as they are, so the rows are plain records here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table of the schema
const untyped = (db: Kysely<Database>) => db as unknown as Kysely<any>

/** How many rows a table holds. */
export async function countRows(db: Kysely<Database>, table: MovedTableName): Promise<number> {
  const row = (await untyped(db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()) as { n: number | string }
  return Number(row.n)
}

/** The next `limit` rows after `after` (the key of the last row read; null from the start), in key order. */
export async function readBatch(db: Kysely<Database>, table: MovedTable, after: readonly (string | number)[] | null, limit: number): Promise<MovedRow[]> {
  let query = untyped(db).selectFrom(table.name).selectAll()
  // A row value, so that a key of several columns pages as one (both engines compare them so).
  if (after !== null) query = query.where(sql<boolean>`(${sql.join(table.key.map((k) => sql.ref(k)))}) > (${sql.join(after)})`)
  for (const column of table.key) query = query.orderBy(column)
  const rows: MovedRow[] = await query.limit(limit).execute()
  return rows
}

/** Writes rows as they are, ids included. */
export async function insertRows(db: Kysely<Database>, table: MovedTableName, rows: readonly MovedRow[]): Promise<void> {
  if (rows.length === 0) return
  await untyped(db).insertInto(table).values(rows).execute()
}

/**
 * Empties the tables an empty hall database still has rows in: the categories and units its
 * migrations seed, the holidays a desk's start adds. The audit trail cannot be emptied (its
 * trigger); the caller has made sure it holds nothing.
 */
export async function clearMovedTables(db: Kysely<Database>): Promise<void> {
  for (const table of [...MOVED_TABLES].reverse()) if (table.name !== 'audit_log') await untyped(db).deleteFrom(table.name).execute()
  await db.deleteFrom('visit_search').execute()
}

/**
 * SQLite: the highest id each AUTOINCREMENT table ever gave (rows may have been deleted since),
 * so that the hall's database never gives one of them again. PostgreSQL has none to report.
 */
export async function idHighWater(db: Kysely<Database>): Promise<Map<string, number>> {
  if (isPostgres(db)) return new Map()
  const { rows: exists } = await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_sequence'`.execute(db)
  if (Number(exists[0]?.n ?? 0) === 0) return new Map()
  const { rows } = await sql<{ name: string; seq: number }>`SELECT name, seq FROM sqlite_sequence`.execute(db)
  return new Map(rows.map((r) => [r.name, Number(r.seq)]))
}

/** The highest id in a table, 0 when empty. */
export async function maxId(db: Kysely<Database>, table: MovedTableName): Promise<number> {
  const row: { m: number | string | null } | undefined = await untyped(db)
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst()
  return Number(row?.m ?? 0)
}

/** PostgreSQL: the table's identity column gives `last + 1` next. */
export async function setIdentityPast(db: Kysely<Database>, table: MovedTableName, last: number): Promise<void> {
  await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), ${Math.max(last, 1)}, ${last > 0})`.execute(db)
}

/**
 * PostgreSQL: the search index of moved visits, made from their name and five answers as
 * registration makes it (services/intake); visits whose personal data was purged are not in it.
 */
export async function indexMovedVisits(db: Kysely<Database>, visits: readonly MovedRow[]): Promise<number> {
  const text = (v: MovedRow, column: string) => String(v[column] ?? '')
  const rows = visits
    .filter((v) => v.personal_purged_at === null)
    .map((v) => ({
      visit_id: Number(v.id),
      name: toBigrams(text(v, 'visitor_name')),
      answers: toBigrams(['facts', 'demands', 'difficulties', 'history', 'prior_handling'].map((c) => text(v, c)).join('\n')),
    }))
  if (rows.length > 0) await db.insertInto('visit_search').values(rows).execute()
  return rows.length
}

/** PostgreSQL: how many visits the search index holds. */
export async function countIndexed(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('visit_search')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** How many visits keep their personal data (and so belong in the search index). */
export async function countUnpurgedVisits(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('personal_purged_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Whether a hall database holds anything of a hall: the hall, a user, a case or an audit row. */
export async function hallContents(db: Kysely<Database>): Promise<{ hall: string | null; rows: number }> {
  const hall = await db.selectFrom('hall').select('name').where('id', '=', 1).executeTakeFirst()
  let rows = 0
  for (const table of ['users', 'visits', 'audit_log'] as const) rows += await countRows(db, table)
  return { hall: hall?.name ?? null, rows }
}

/** The last case number, for the report of what moved. */
export async function lastCaseNumber(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('visits').select('case_number').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row?.case_number ?? null
}
