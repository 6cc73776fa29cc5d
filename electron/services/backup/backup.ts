import { createHash } from 'node:crypto'
import {
  chmodSync,
  closeSync,
  createReadStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { basename, join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { Clock } from '../../clock'
import { systemClock } from '../../clock'
import type { Connection } from '../../db/connection'
import { MIGRATIONS } from '../../db/migrations'
import { getHall } from '../../db/repositories/hall'
import { AppError } from '../../errors'
import { DEFAULT_TIME_ZONE } from '../accounts/accounts'
import { appendAudit } from '../audit/audit'
import type { BackupFile } from '../../../shared/backup/types'
import { dateTimeFormat } from '../../../shared/intl'
import { change } from '../../../shared/live/changes'
import type { Announce } from '../../live/channel'

export const DAY_MS = 24 * 60 * 60 * 1000
export const DEFAULT_KEEP_DAYS = 30
/** How soon after start a stale backup is made up: long enough for the window to show first. */
export const STALE_START_DELAY_MS = 60_000
export const BACKUP_STATE_FILE = 'backup-state.json'
/** The tables every Intake Desk database has had since its first schema version. */
export const REQUIRED_TABLES = ['visits', 'visitors', 'users', 'hall', 'audit_log'] as const

const BACKUP_NAME = /^intake-desk-(\d{8}-\d{6})(?:-\d+)?\.sqlite3$/
const SQLITE_MAGIC = 'SQLite format 3\0'

/** A backup just written and verified. */
export interface BackupInfo {
  path: string
  fileName: string
  /** ISO-8601 UTC. */
  createdAt: string
  schemaVersion: number
  sizeBytes: number
  sha256: string
}

export interface LastBackup {
  at: string
  path: string
}

export type BackupRefusal = 'missing' | 'not-db' | 'damaged' | 'foreign' | 'too-new'
export type BackupCheck =
  { ok: true; schemaVersion: number } | { ok: false; refusal: BackupRefusal; error: AppError }

interface Sidecar {
  app: 'intake-desk'
  createdAt: string
  schemaVersion: number
  sizeBytes: number
  sha256: string
}

/** The local wall-clock time of an instant as YYYYMMDD-HHmmss, for file and folder names. */
export function timeStamp(at: Date, timeZone: string): string {
  const parts = dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00'
  return `${part('year')}${part('month')}${part('day')}-${part('hour')}${part('minute')}${part('second')}`
}

function stampAsUtc(stamp: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/.exec(stamp)
  if (m === null) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  return Date.UTC(y, mo - 1, d, h, mi, s)
}

/** The instant a stamp written by timeStamp stands for, in the same time zone. */
export function parseTimeStamp(stamp: string, timeZone: string): Date | null {
  const wall = stampAsUtc(stamp)
  if (wall === null) return null
  const offsetAt = (t: number) => (stampAsUtc(timeStamp(new Date(t), timeZone)) ?? t) - t
  // Twice, so that an instant near a daylight-saving change lands on the right offset.
  const first = wall - offsetAt(wall)
  return new Date(wall - offsetAt(first))
}

/** The database's user_version, read from its header without opening it; null if not SQLite. */
function headerVersion(path: string): number | null {
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

function writeFileAtomic(path: string, text: string): void {
  const temp = `${path}.tmp`
  writeFileSync(temp, text, { mode: 0o600 })
  const fd = openSync(temp, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, path)
}

function readSidecar(path: string): Sidecar | null {
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
 * Whether a file can be restored: a SQLite database that passes its integrity check, holds
 * the Intake Desk tables and is no newer than this app. Opens the file read-only.
 */
export function checkBackup(path: string): BackupCheck {
  if (!existsSync(path)) return refuse('missing', path)
  const stat = statSync(path)
  if (!stat.isFile() || headerVersion(path) === null) return refuse('not-db', path)
  let raw: BetterSqlite3.Database | undefined
  try {
    raw = new BetterSqlite3(path, { readonly: true, fileMustExist: true })
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
  } catch (error) {
    const code = error instanceof BetterSqlite3.SqliteError ? error.code : ''
    return refuse(code === 'SQLITE_NOTADB' ? 'not-db' : 'damaged', path)
  } finally {
    raw?.close()
  }
}

/** The backups in a folder, newest first; other files are ignored. */
export async function listBackups(
  folder: string,
  options: { verifyHashes?: boolean; timeZone?: string } = {},
): Promise<BackupFile[]> {
  if (!existsSync(folder)) return []
  const found: BackupFile[] = []
  for (const fileName of readdirSync(folder)) {
    const match = BACKUP_NAME.exec(fileName)
    const path = join(folder, fileName)
    if (match === null || !statSync(path).isFile()) continue
    const sidecar = readSidecar(path)
    const createdAt =
      sidecar?.createdAt ??
      parseTimeStamp(match[1] ?? '', options.timeZone ?? DEFAULT_TIME_ZONE)?.toISOString()
    if (createdAt === undefined) continue
    const verify = options.verifyHashes ?? true
    found.push({
      path,
      fileName,
      createdAt,
      schemaVersion: headerVersion(path),
      sizeBytes: statSync(path).size,
      hashMatches: sidecar === null || !verify ? null : (await sha256File(path)) === sidecar.sha256,
    })
  }
  // Two backups of the same second: the one with the higher suffix was made later.
  const suffix = (name: string) => Number(/-\d{6}-(\d+)\.sqlite3$/.exec(name)?.[1] ?? 1)
  return found.sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || suffix(b.fileName) - suffix(a.fileName),
  )
}

/**
 * Removes the backups in `folder` older than `keepDays` (by the sidecar's time, else the file
 * name's) with their sidecars. Files not named like a backup are never touched.
 */
export function pruneBackups(
  folder: string,
  now: Date,
  keepDays: number,
  timeZone: string,
  keep: string[] = [],
): string[] {
  const removed: string[] = []
  const limit = now.getTime() - Math.max(1, keepDays) * DAY_MS
  for (const fileName of readdirSync(folder)) {
    const match = BACKUP_NAME.exec(fileName)
    const path = join(folder, fileName)
    if (match === null || keep.includes(path) || !statSync(path).isFile()) continue
    const sidecar = readSidecar(path)
    const created = sidecar !== null ? new Date(sidecar.createdAt) : parseTimeStamp(match[1] ?? '', timeZone)
    if (created === null || created.getTime() >= limit) continue
    rmSync(path)
    rmSync(`${path}.json`, { force: true })
    removed.push(fileName)
  }
  return removed
}

export interface BackupsOptions {
  connection: Pick<Connection, 'db' | 'raw'>
  /** Where the app keeps its database; the last backup's record lives there too. */
  dataDir: string
  clock?: Clock
  /** Overrides the hall's setting (backup_keep_days). */
  keepDays?: number
  /** Overrides the hall's time zone, used in file names. */
  timeZone?: string
  /** Pages copied per step of the online backup; the app keeps answering between steps. */
  stepPages?: number
  /** Tells the backup page that a backup was written. */
  announce?: Announce
}

export type Backups = ReturnType<typeof createBackups>

/** The hall's backups: made with SQLite's online backup API while the app keeps working. */
export function createBackups(options: BackupsOptions) {
  const { db, raw } = options.connection
  const clock = options.clock ?? systemClock
  const stateFile = join(options.dataDir, BACKUP_STATE_FILE)
  // One backup at a time: a scheduled one and an administrator's must not pick the same name.
  let queue: Promise<unknown> = Promise.resolve()

  async function settings(): Promise<{ timeZone: string; keepDays: number; folder: string | null }> {
    const hall = await getHall(db)
    return {
      timeZone: options.timeZone ?? hall?.time_zone ?? DEFAULT_TIME_ZONE,
      keepDays: options.keepDays ?? hall?.backup_keep_days ?? DEFAULT_KEEP_DAYS,
      folder: hall?.backup_folder ?? null,
    }
  }

  async function copyOnline(target: string): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      // A step taken while this connection holds a write transaction answers SQLITE_BUSY, which
      // better-sqlite3 reports on a first step as a finished backup of 0 pages: wait and retry.
      for (let waited = 0; raw.inTransaction; waited += 5) {
        if (waited > 60_000) throw new AppError('INTERNAL', 'e.BACKUP_FAILED')
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      rmSync(target, { force: true })
      // Created readable by its owner only before a page is written into it.
      writeFileSync(target, '', { mode: 0o600 })
      const { totalPages } = await raw.backup(target, { progress: () => options.stepPages ?? 100 })
      if (totalPages > 0) return
    }
    throw new AppError('INTERNAL', 'e.BACKUP_FAILED')
  }

  function lastBackup(): LastBackup | null {
    try {
      const value = JSON.parse(readFileSync(stateFile, 'utf8')) as Partial<LastBackup>
      if (
        typeof value.at !== 'string' ||
        typeof value.path !== 'string' ||
        Number.isNaN(Date.parse(value.at))
      )
        return null
      return { at: value.at, path: value.path }
    } catch {
      return null
    }
  }

  async function make(folder: string, userId: number | null): Promise<BackupInfo> {
    const now = clock()
    const { timeZone, keepDays } = await settings()
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 })
    } catch {
      throw new AppError('CONFLICT', 'e.BACKUP_FOLDER', { folder })
    }
    const stamp = timeStamp(now, timeZone)
    let fileName = `intake-desk-${stamp}.sqlite3`
    for (let n = 2; existsSync(join(folder, fileName)); n++) fileName = `intake-desk-${stamp}-${n}.sqlite3`
    const path = join(folder, fileName)
    const partial = `${path}.partial`
    try {
      try {
        await copyOnline(partial)
        // A backup is one self-contained file: no -wal beside it to lose when it is copied.
        const copy = new BetterSqlite3(partial, { fileMustExist: true })
        try {
          copy.pragma('journal_mode = DELETE')
        } finally {
          copy.close()
        }
      } catch (error) {
        if (error instanceof AppError) throw error
        throw new AppError('CONFLICT', 'e.BACKUP_FOLDER', { folder })
      }
      const check = checkBackup(partial)
      if (!check.ok) throw new AppError('INTERNAL', 'e.BACKUP_FAILED')
      chmodSync(partial, 0o600)
      renameSync(partial, path)
      const info: BackupInfo = {
        path,
        fileName,
        createdAt: now.toISOString(),
        schemaVersion: check.schemaVersion,
        sizeBytes: statSync(path).size,
        sha256: await sha256File(path),
      }
      const sidecar: Sidecar = {
        app: 'intake-desk',
        createdAt: info.createdAt,
        schemaVersion: info.schemaVersion,
        sizeBytes: info.sizeBytes,
        sha256: info.sha256,
      }
      writeFileAtomic(`${path}.json`, `${JSON.stringify(sidecar, null, 2)}\n`)
      writeFileAtomic(stateFile, `${JSON.stringify({ at: info.createdAt, path } satisfies LastBackup)}\n`)
      const removed = pruneBackups(folder, now, keepDays, timeZone, [path])
      await db.transaction().execute((trx) =>
        appendAudit(trx, now, {
          userId,
          action: 'backup.create',
          entity: 'backup',
          entityId: fileName,
          detail: {
            file: fileName,
            sizeBytes: info.sizeBytes,
            schemaVersion: info.schemaVersion,
            pruned: removed.length,
          },
        }),
      )
      options.announce?.(change('backup', [fileName]))
      return info
    } finally {
      rmSync(partial, { force: true })
      rmSync(`${partial}-journal`, { force: true })
    }
  }

  /** Copies the live database to `folder`, verifies the copy and prunes old backups there. */
  function backupNow(folder: string, userId: number | null): Promise<BackupInfo> {
    const result = queue.then(() => make(folder, userId))
    queue = result.catch(() => undefined)
    return result
  }

  /** The scheduled backup: to the hall's backup folder, if one is set. */
  async function scheduled(): Promise<BackupInfo | null> {
    const { folder } = await settings()
    return folder === null ? null : backupNow(folder, null)
  }

  /** True when there is no backup or the last one is more than a day old. */
  function isStale(now: Date = clock()): boolean {
    const last = lastBackup()
    return last === null || now.getTime() - Date.parse(last.at) > DAY_MS
  }

  return {
    /** What setup offers: a backups folder inside the data folder (another disk is better; the field says so). */
    defaultFolder: join(options.dataDir, 'backups'),
    backupNow,
    scheduled,
    listBackups: async (folder: string, list: { verifyHashes?: boolean } = {}) =>
      listBackups(folder, { timeZone: (await settings()).timeZone, ...list }),
    checkBackup,
    lastBackup,
    isStale,
  }
}

export interface BackupSchedule {
  run: () => Promise<unknown>
  /** Between runs; a day unless told. */
  every?: number
  /** Until the first run; see firstBackupDelay. */
  firstIn?: number
  onError?: (error: unknown) => void
}

/** Shortly after start when the last backup is stale, else a full period later. */
export function firstBackupDelay(stale: boolean, every = DAY_MS): number {
  return stale ? STALE_START_DELAY_MS : every
}

/** Runs `run` on a chain of unref'd timers, so it never keeps the process alive; returns stop. */
export function startBackupSchedule(schedule: BackupSchedule): () => void {
  const every = schedule.every ?? DAY_MS
  const onError =
    schedule.onError ??
    ((error: unknown) => {
      const e = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      console.error(`[intake-desk] scheduled backup failed: ${e}`)
    })
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const arm = (ms: number) => {
    if (stopped) return
    timer = setTimeout(tick, ms)
    timer.unref()
  }
  const tick = () => {
    schedule
      .run()
      .catch(onError)
      .finally(() => arm(every))
      .catch(() => undefined)
  }
  arm(schedule.firstIn ?? every)
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}
