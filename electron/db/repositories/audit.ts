import type { Kysely } from 'kysely'
import type { AuditRow, AuditTable, Database } from '../schema'

export async function lastAuditHash(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row?.hash
}

export async function insertAudit(db: Kysely<Database>, row: Omit<AuditTable, 'id'>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute()
}

export async function listAudit(db: Kysely<Database>): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().orderBy('id').execute()
}
