import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { insertAudit, lastAuditHash, listAudit } from '../../db/repositories/audit'

export const GENESIS_HASH = '0'.repeat(64)

export interface AuditEntry {
  userId: number | null
  action: string
  entity?: string
  entityId?: string
  /** Never an ID number, a phone number or grievance text. */
  detail?: Record<string, unknown>
}

function rowHash(prev: string, at: string, e: { userId: number | null; action: string; entity: string | null; entityId: string | null; detail: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, at, e.userId, e.action, e.entity, e.entityId, e.detail]))
    .digest('hex')
}

/**
 * Appends one row to the hash-chained audit trail. Call it inside the transaction of the
 * change it records, so that the change and its record commit together.
 */
export async function appendAudit(db: Kysely<Database>, at: Date, entry: AuditEntry): Promise<void> {
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
    hash: rowHash(prev, iso, row),
  })
}

/** Walks the chain: how many rows it checked, up to and including the first broken one, and that row's id. */
export async function checkAudit(db: Kysely<Database>): Promise<{ checked: number; firstBrokenId: number | null }> {
  let prev = GENESIS_HASH
  let checked = 0
  for (const r of await listAudit(db)) {
    checked += 1
    const expected = rowHash(prev, r.at, {
      userId: r.user_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      detail: r.detail,
    })
    if (r.prev_hash !== prev || r.hash !== expected) return { checked, firstBrokenId: r.id }
    prev = r.hash
  }
  return { checked, firstBrokenId: null }
}

/** Walks the chain and returns the id of the first row whose hash does not hold, or null. */
export async function verifyAudit(db: Kysely<Database>): Promise<number | null> {
  return (await checkAudit(db)).firstBrokenId
}
