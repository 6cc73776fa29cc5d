import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely'
import type { Database } from '../../db/schema'
import type { AuditAnchorRow } from '../../db/repositories/audit'
import { auditHead, countAuditThrough, firstKeyedAudit, insertAnchor, insertAudit, lastAuditHash, latestAnchor, listAudit } from '../../db/repositories/audit'
import type { HallSecret } from '../keys/key-store'

export const GENESIS_HASH = '0'.repeat(64)

export interface AuditEntry {
  userId: number | null
  action: string
  entity?: string
  entityId?: string
  /** Never an ID number, a phone number or grievance text. */
  detail?: Record<string, unknown>
}

/** The chain's key, derived from the hall's secret (which is kept outside the database). */
export interface AuditKey {
  key: Buffer
  /** The trail's first rows that may carry a plain SHA-256 (written before the hall had a key). */
  plainAuditRows: number
}

export function auditKeyOf(secret: HallSecret): AuditKey {
  const key = Buffer.from(hkdfSync('sha256', secret.secret, Buffer.alloc(0), 'intake-desk audit chain v1', 32))
  return { key, plainAuditRows: secret.plainAuditRows }
}

/**
 * Carries the audit key on a Kysely instance, so that every transaction begun on it (which
 * inherits its plugins) appends keyed rows without each service being handed the key. It
 * changes no query and no result.
 */
class AuditKeyPlugin implements KyselyPlugin {
  constructor(readonly auditKey: AuditKey) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result)
  }
}

/** The database as the services see it: the same connection, with the audit key on it. */
export function withAuditKey(db: Kysely<Database>, auditKey: AuditKey): Kysely<Database> {
  return db.withPlugin(new AuditKeyPlugin(auditKey))
}

/**
 * Another database (the hall's, a move's target) under the key `keyed` carries: a copy of the
 * trail verifies there, and rows appended to it chain on, under the same hall key.
 */
export function withAuditKeyOf(db: Kysely<Database>, keyed: Kysely<Database>): Kysely<Database> {
  return withAuditKey(db, keyOn(keyed))
}

function keyOn(db: Kysely<Database>): AuditKey {
  // Kysely keeps a transaction's plugins on its executor; the plugin list is the one place both share.
  const plugin = db.getExecutor().plugins.find((p) => p instanceof AuditKeyPlugin)
  if (plugin === undefined) throw new Error('The audit chain has no key: open the database with withAuditKey')
  return plugin.auditKey
}

type HashedFields = { userId: number | null; action: string; entity: string | null; entityId: string | null; detail: string }

function fieldsJson(prev: string, at: string, e: HashedFields): string {
  return JSON.stringify([prev, at, e.userId, e.action, e.entity, e.entityId, e.detail])
}

/** A row's hash: an HMAC under the hall's key; rows from before the key, a plain SHA-256. */
function rowHash(key: Buffer | null, prev: string, at: string, e: HashedFields): string {
  const text = fieldsJson(prev, at, e)
  return (key === null ? createHash('sha256') : createHmac('sha256', key)).update(text).digest('hex')
}

function anchorMac(key: Buffer, a: { at: string; lastId: number; rows: number; lastHash: string }): string {
  return createHmac('sha256', key).update(JSON.stringify(['anchor', a.at, a.lastId, a.rows, a.lastHash])).digest('hex')
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/**
 * Appends one row to the keyed, hash-chained audit trail. Call it inside the transaction of the
 * change it records, so that the change and its record commit together.
 */
export async function appendAudit(db: Kysely<Database>, at: Date, entry: AuditEntry): Promise<void> {
  const { key } = keyOn(db)
  const prev = (await lastAuditHash(db)) ?? GENESIS_HASH
  const row = {
    userId: entry.userId,
    action: entry.action,
    entity: entry.entity ?? null,
    entityId: entry.entityId ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  }
  const iso = at.toISOString()
  await insertAudit(db, {
    at: iso,
    user_id: row.userId,
    action: row.action,
    entity: row.entity,
    entity_id: row.entityId,
    detail: row.detail,
    prev_hash: prev,
    hash: rowHash(key, prev, iso, row),
    keyed: 1,
  })
}

/** The chain's newest hash and its number of rows, as printed on the 台账. */
export async function auditChainHead(db: Kysely<Database>): Promise<{ rows: number; hash: string }> {
  const head = await auditHead(db)
  return { rows: head.rows, hash: head.hash ?? GENESIS_HASH }
}

/**
 * Records the chain's present end (its newest row, hash and row count), signed with the key:
 * a later 校验 that finds fewer rows, or another row there, knows rows were cut from the end.
 */
export async function recordAnchor(db: Kysely<Database>, at: Date): Promise<void> {
  const { key } = keyOn(db)
  const head = await auditHead(db)
  if (head.lastId === null || head.hash === null) return
  const anchor = { at: at.toISOString(), lastId: head.lastId, rows: head.rows, lastHash: head.hash }
  await insertAnchor(db, {
    at: anchor.at,
    last_id: anchor.lastId,
    row_count: anchor.rows,
    last_hash: anchor.lastHash,
    mac: anchorMac(key, anchor),
  })
}

export interface AuditCheck {
  checked: number
  firstBrokenId: number | null
  /** Rows missing from the end, counted against the newest anchor; null when none are. */
  cutAtEnd: { rows: number; anchoredAt: string } | null
}

/** How many rows of the anchored end are gone, or null when the anchor's row is still there with its hash. */
async function cutSince(db: Kysely<Database>, key: Buffer, anchor: AuditAnchorRow, rows: Map<number, string>): Promise<number | null> {
  const signed = { at: anchor.at, lastId: anchor.last_id, rows: anchor.row_count, lastHash: anchor.last_hash }
  // A forged or altered anchor proves nothing either way: it is reported as a cut of unknown size.
  if (!sameHex(anchor.mac, anchorMac(key, signed))) return Math.max(anchor.row_count - rows.size, 1)
  if (rows.get(anchor.last_id) === anchor.last_hash) return null
  const present = await countAuditThrough(db, anchor.last_id)
  const found = rows.has(anchor.last_id) ? present - 1 : present
  return Math.max(anchor.row_count - found, 1)
}

/**
 * Walks the chain: how many rows it checked, up to and including the first broken one, and that
 * row's id; then whether rows were cut off the end since the newest anchor.
 */
export async function checkAudit(db: Kysely<Database>): Promise<AuditCheck> {
  const { key, plainAuditRows } = keyOn(db)
  let prev = GENESIS_HASH
  let checked = 0
  let firstBrokenId: number | null = null
  const hashes = new Map<number, string>()
  for (const r of await listAudit(db)) {
    hashes.set(r.id, r.hash)
    if (firstBrokenId !== null) continue
    checked += 1
    // Only the rows from before the hall had a key may be unkeyed: a later plain row is a forgery.
    const plainAllowed = checked <= plainAuditRows
    const fields = { userId: r.user_id, action: r.action, entity: r.entity, entityId: r.entity_id, detail: r.detail }
    const expected = r.keyed === 1 ? rowHash(key, prev, r.at, fields) : plainAllowed ? rowHash(null, prev, r.at, fields) : null
    if (r.prev_hash !== prev || expected === null || !sameHex(r.hash, expected)) firstBrokenId = r.id
    else prev = r.hash
  }
  const anchor = await latestAnchor(db)
  const cut = anchor === undefined ? null : await cutSince(db, key, anchor, hashes)
  return { checked, firstBrokenId, cutAtEnd: cut === null || anchor === undefined ? null : { rows: cut, anchoredAt: anchor.at } }
}

/**
 * Whether the trail in `db` is under `auditKey`: its first keyed row's HMAC holds under it (a
 * trail without keyed rows takes any key). A desk that joins a hall with another key would write
 * rows every other desk reports as forged.
 */
export async function trailIsUnder(db: Kysely<Database>, auditKey: AuditKey): Promise<boolean> {
  const r = await firstKeyedAudit(db)
  if (r === undefined) return true
  const fields = { userId: r.user_id, action: r.action, entity: r.entity, entityId: r.entity_id, detail: r.detail }
  return sameHex(r.hash, rowHash(auditKey.key, r.prev_hash, r.at, fields))
}

/** Walks the chain and returns the id of the first row whose hash does not hold, or null. */
export async function verifyAudit(db: Kysely<Database>): Promise<number | null> {
  return (await checkAudit(db)).firstBrokenId
}
