import type { Insertable, Kysely, Selectable } from 'kysely'
import { sql } from 'kysely'
import { deskOf, isPostgres } from '../dialect'
import type { AuditAnchorTable, AuditRow, AuditTable, Database } from '../schema'

export type AuditAnchorRow = Selectable<AuditAnchorTable>

/**
 * The hash of the chain's last row. Call it in the transaction that appends the next row: on
 * PostgreSQL it first takes the chain's transaction-scoped advisory lock, so that desks append
 * one after another (each sees the row before it) and the chain never forks; the lock is
 * released when that transaction commits or rolls back. (SQLite has one writer at a time.)
 */
export async function lastAuditHash(db: Kysely<Database>): Promise<string | undefined> {
  if (isPostgres(db)) await sql`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':intake-desk-audit-chain'))`.execute(db)
  const row = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row?.hash
}

export async function insertAudit(db: Kysely<Database>, row: Omit<Insertable<AuditTable>, 'id'>): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ ...row, desk: deskOf(db) })
    .execute()
}

/** The newest row's id and hash, and how many rows there are. */
export async function auditHead(db: Kysely<Database>): Promise<{ lastId: number | null; hash: string | null; rows: number }> {
  const last = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst()
  const count = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return { lastId: last?.id ?? null, hash: last?.hash ?? null, rows: Number(count.n) }
}

/** How many rows carry a plain SHA-256 and how many an HMAC. */
export async function countAuditRows(db: Kysely<Database>): Promise<{ plain: number; keyed: number }> {
  const rows = await db
    .selectFrom('audit_log')
    .select((eb) => ['keyed', eb.fn.countAll<number>().as('n')])
    .groupBy('keyed')
    .execute()
  const n = (keyed: number) => Number(rows.find((r) => r.keyed === keyed)?.n ?? 0)
  return { plain: n(0), keyed: n(1) }
}

/** The trail's first row hashed under the hall's key (an HMAC), if any: whose key the trail is under. */
export async function firstKeyedAudit(db: Kysely<Database>): Promise<AuditRow | undefined> {
  return db.selectFrom('audit_log').selectAll().where('keyed', '=', 1).orderBy('id', 'asc').limit(1).executeTakeFirst()
}

/** How many rows have an id up to and including this one. */
export async function countAuditThrough(db: Kysely<Database>, id: number): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '<=', id)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertAnchor(db: Kysely<Database>, row: Omit<Insertable<AuditAnchorTable>, 'id'>): Promise<void> {
  await db.insertInto('audit_anchors').values(row).execute()
}

/** The newest anchor 校验 recorded, if any. */
export async function latestAnchor(db: Kysely<Database>): Promise<AuditAnchorRow | undefined> {
  return db.selectFrom('audit_anchors').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst()
}

export async function listAudit(db: Kysely<Database>): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().orderBy('id').execute()
}

/** The viewer's filters; null means not filtered. Instants are ISO-8601 UTC, `before` exclusive. */
export interface AuditFilter {
  userId: number | null
  action: string | null
  /** Every action that starts with this, e.g. `case.` */
  actionPrefix: string | null
  since: string | null
  before: string | null
}

export type AuditListRow = AuditRow & { user_name: string | null; user_badge_no: string | null }

function filtered(db: Kysely<Database>, f: AuditFilter) {
  let query = db.selectFrom('audit_log').leftJoin('users', 'users.id', 'audit_log.user_id')
  if (f.userId !== null) query = query.where('audit_log.user_id', '=', f.userId)
  if (f.action !== null) query = query.where('audit_log.action', '=', f.action)
  if (f.actionPrefix !== null) {
    // A range instead of LIKE: `_` in an action name would be a wildcard there.
    const end = f.actionPrefix.slice(0, -1) + String.fromCharCode(f.actionPrefix.charCodeAt(f.actionPrefix.length - 1) + 1)
    query = query.where('audit_log.action', '>=', f.actionPrefix).where('audit_log.action', '<', end)
  }
  if (f.since !== null) query = query.where('audit_log.at', '>=', f.since)
  if (f.before !== null) query = query.where('audit_log.at', '<', f.before)
  return query
}

/** One page of the trail under the filters, newest first, with the user's name and badge number. */
export async function searchAudit(db: Kysely<Database>, f: AuditFilter, limit: number, offset: number): Promise<AuditListRow[]> {
  return filtered(db, f)
    .selectAll('audit_log')
    .select(['users.name as user_name', 'users.badge_no as user_badge_no'])
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
}

export async function countAudit(db: Kysely<Database>, f: AuditFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Every action name the trail holds, sorted. */
export async function auditActions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute()
  return rows.map((r) => r.action)
}

/** Every user the trail names, by badge number. */
export async function auditUsers(db: Kysely<Database>): Promise<{ id: number; name: string; badge_no: string }[]> {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'badge_no'])
    .where((eb) => eb.exists(eb.selectFrom('audit_log').select('audit_log.id').whereRef('audit_log.user_id', '=', 'users.id')))
    .orderBy('badge_no')
    .execute()
}
