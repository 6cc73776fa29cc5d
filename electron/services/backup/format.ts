/**
 * The backup file format: a self-contained SQLite database, encrypted with the hall's key like
 * the live one (electron/db/cipher.ts), with a JSON sidecar beside it recording when it was
 * made, its schema version, its size and its SHA-256, and the check that decides whether a file
 * can be restored. Backups from before encryption are plain SQLite files (their header gives the
 * schema version); they are still restored, and encrypted on the way in.
 */
import { createHash } from 'node:crypto'
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { writePrivateFile } from '../../private-file'
import type { SqliteHandle } from '../../db/cipher'
import { DatabaseKeyError, SQLITE_MAGIC, fileState, openSqlite } from '../../db/cipher'
import { MIGRATIONS } from '../../db/migrations'
import { AppError } from '../../errors'

/** The tables every Intake Desk database has had since its first schema version. */
export const REQUIRED_TABLES = ['visits', 'visitors', 'users', 'hall', 'audit_log'] as const

export type BackupRefusal = 'missing' | 'not-db' | 'damaged' | 'foreign' | 'too-new'
export type BackupCheck =
  { ok: true; schemaVersion: number } | { ok: false; refusal: BackupRefusal; error: AppError }

/** What `<backup>.json` records about the backup beside it. */
export interface Sidecar {
  app: 'intake-desk'
  createdAt: string
  schemaVersion: number
  sizeBytes: number
  sha256: string
}

/** A plain database's user_version, read from its header without opening it; null if not plain SQLite (an encrypted one included). */
export function headerVersion(path: string): number | null {
  const fd = openSync(path, 'r')
  try {
    const header = Buffer.alloc(100)
    if (readSync(fd, header, 0, 100, 0) < 100) return null
    if (header.toString('latin1', 0, 16) !== SQLITE_MAGIC) return null
    return header.readUInt32BE(60)
  } finally {
    closeSync(fd)
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** The sidecar of the backup at `path`; null when it is missing or unreadable. */
export function readSidecar(path: string): Sidecar | null {
  try {
    const value = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as Partial<Sidecar>
    if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt))) return null
    if (typeof value.sha256 !== 'string' || typeof value.sizeBytes !== 'number') return null
    if (typeof value.schemaVersion !== 'number') return null
    return {
      app: 'intake-desk',
      createdAt: value.createdAt,
      schemaVersion: value.schemaVersion,
      sizeBytes: value.sizeBytes,
      sha256: value.sha256,
    }
  } catch {
    return null
  }
}

export function writeSidecar(path: string, sidecar: Sidecar): void {
  writePrivateFile(`${path}.json`, `${JSON.stringify(sidecar, null, 2)}\n`)
}

function refuse(
  refusal: BackupRefusal,
  path: string,
  params: Record<string, string | number> = {},
): BackupCheck {
  const key = {
    missing: 'e.BACKUP_MISSING',
    'not-db': 'e.BACKUP_NOT_DB',
    damaged: 'e.BACKUP_DAMAGED',
    foreign: 'e.BACKUP_FOREIGN',
    'too-new': 'e.BACKUP_TOO_NEW',
  }[refusal]
  const code = refusal === 'missing' ? 'NOT_FOUND' : 'CONFLICT'
  return { ok: false, refusal, error: new AppError(code, key, { file: basename(path), ...params }) }
}

/**
 * Whether a file can be restored: a SQLite database that the hall's `key` opens (or a plain one
 * from before encryption), passes its integrity check, holds the Intake Desk tables and is no
 * newer than this app. Opens the file read-only.
 */
export function checkBackup(path: string, key: Buffer | null): BackupCheck {
  if (!existsSync(path)) return refuse('missing', path)
  const state = statSync(path).isFile() ? fileState(path) : 'new'
  if (state === 'new') return refuse('not-db', path)
  let raw: SqliteHandle
  try {
    raw = openSqlite(path, state === 'plain' ? null : key, { readonly: true, fileMustExist: true })
  } catch (error) {
    // Random bytes and a backup encrypted with another hall's key look the same; a first page that
    // opens but a file cut short or otherwise broken is damaged.
    return refuse(error instanceof DatabaseKeyError ? 'not-db' : 'damaged', path)
  }
  try {
    const integrity = raw.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') return refuse('damaged', path)
    const tables = new Set(
      (raw.pragma('table_list') as { schema: string; name: string; type: string }[])
        .filter((t) => t.schema === 'main' && t.type === 'table')
        .map((t) => t.name),
    )
    if (!REQUIRED_TABLES.every((t) => tables.has(t))) return refuse('foreign', path)
    const version = raw.pragma('user_version', { simple: true }) as number
    if (version > MIGRATIONS.length)
      return refuse('too-new', path, { found: version, supported: MIGRATIONS.length })
    return { ok: true, schemaVersion: version }
  } catch {
    // The first page opened; a later one is unreadable or fails its HMAC.
    return refuse('damaged', path)
  } finally {
    raw.close()
  }
}
