/**
 * The hall's backups as a service: a backup made now (`VACUUM INTO`, encrypted with the hall's
 * key like the live database; in hall mode the server's pg_dump, pg-dump.ts), verified and
 * recorded with its sidecar; the scheduled one; the
 * last backup's record and whether it is stale; the backups from before encryption encrypted. The file format is in format.ts, the folder's listing
 * and pruning in folder.ts, names in stamps.ts and the daily timer in schedule.ts.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Clock } from '../../clock'
import { systemClock } from '../../clock'
import type { Connection } from '../../db/connection'
import { encryptPlainFile, fileState, openSqlite } from '../../db/cipher'
import { getHall } from '../../db/repositories/hall'
import { AppError } from '../../errors'
import { DATABASE_FILE } from '../../paths'
import { DEFAULT_TIME_ZONE } from '../accounts/setup'
import { appendAudit } from '../audit/audit'
import { change } from '../../../shared/live/changes'
import type { Announce } from '../../live/channel'
import type { BackupFile, BackupStatus } from '../../../shared/backup/types'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { DEFAULT_KEEP_DAYS, listBackups, pruneBackups } from './folder'
import { writePrivateFile } from '../../private-file'
import { checkBackup, readSidecar, sha256File, writeSidecar } from './format'
import { DAY_MS, backupFileName, timeStamp } from './stamps'
import { schemaVersion } from '../../db/migrate'
import { connectionWithoutPassword, hallSchemaOf, pgDumpCommand, pgRestoreCommand, pgpassLine } from '../../../shared/backup/hall-commands'
import type { HallBackupStatus } from '../../../shared/backup/types'
import { REQUIRED_TABLES } from './format'
import { checkDump, findPgDump, pgRestoreBeside, runPgDump } from './pg-dump'

export const BACKUP_STATE_FILE = 'backup-state.json'

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

export interface BackupsOptions {
  connection: Pick<Connection, 'db' | 'raw' | 'key'>
  /** Where the app keeps its database; the last backup's record lives there too. */
  dataDir: string
  clock?: Clock
  /** Overrides the hall's setting (backup_keep_days). */
  keepDays?: number
  /** Overrides the hall's time zone, used in file names. */
  timeZone?: string
  /** Tells the backup page that a backup was written. */
  announce?: Announce
  /** Restores a backup and replaces the running core (core-host.ts); absent in tests. */
  restore?: ((path: string, userId: number) => Promise<void>) | undefined
  /** Hall mode: the hall's PostgreSQL database, backed up with pg_dump when this desk has it. */
  hall?: HallDumpOptions | undefined
}

export interface HallDumpOptions {
  /** postgres://USER:PASSWORD@HOST:PORT/DB, as the desk connects. */
  url: string
  /** Tests only: the schema the test core works in, dumped alone. */
  schema?: string
  /** Where pg_dump is (findPgDump by default); null: not installed on this PC. */
  findPgDump?: () => string | null
  /** pg_dump's own words when it fails, for the desk's log. */
  log?: (line: string) => void
}

export type Backups = ReturnType<typeof createBackups>

/** The hall's backups: encrypted copies of the database, each checked after it is written. */
export function createBackups(options: BackupsOptions) {
  const { db, raw, key } = options.connection
  const clock = options.clock ?? systemClock
  const stateFile = join(options.dataDir, BACKUP_STATE_FILE)
  // One backup at a time: a scheduled one and an administrator's must not pick the same name.
  let queue: Promise<unknown> = Promise.resolve()
  const hallDb = options.hall
  const locatePgDump = hallDb?.findPgDump ?? (() => findPgDump())
  let running: { table: string | null; tables: number } | null = null

  async function settings(): Promise<{ timeZone: string; keepDays: number; folder: string | null }> {
    const hall = await getHall(db)
    return {
      timeZone: options.timeZone ?? hall?.time_zone ?? DEFAULT_TIME_ZONE,
      keepDays: options.keepDays ?? hall?.backup_keep_days ?? DEFAULT_KEEP_DAYS,
      folder: hall?.backup_folder ?? null,
    }
  }

  /**
   * A consistent copy of the database in `target`, encrypted with the same key: SQLite's online
   * backup cannot write an encrypted copy (SQLite3 Multiple Ciphers refuses a target without the
   * key), and `VACUUM INTO` can. It runs between transactions, never inside one.
   */
  async function copyEncrypted(target: string): Promise<void> {
    for (let waited = 0; raw.inTransaction; waited += 5) {
      if (waited > 60_000) throw new AppError('INTERNAL', 'e.BACKUP_FAILED')
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    rmSync(target, { force: true })
    // Created readable by its owner only before a page is written into it.
    writeFileSync(target, '', { mode: 0o600 })
    raw.prepare('VACUUM INTO ?').run(target)
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

  /** The desk's own file: an encrypted copy, checked; its schema version. */
  async function writeFileCopy(partial: string, folder: string): Promise<number> {
    try {
      await copyEncrypted(partial)
      // A backup is one self-contained file: no -wal beside it to lose when it is copied.
      const copy = openSqlite(partial, key, { fileMustExist: true })
      try {
        copy.pragma('journal_mode = DELETE')
      } finally {
        copy.close()
      }
    } catch (error) {
      if (error instanceof AppError) throw error
      throw new AppError('CONFLICT', 'e.BACKUP_FOLDER', { folder })
    }
    const check = checkBackup(partial, key)
    if (!check.ok) throw new AppError('INTERNAL', 'e.BACKUP_FAILED')
    return check.schemaVersion
  }

  /** The hall's database: pg_dump's custom-format archive, checked; the schema version dumped. */
  async function writeHallDump(partial: string, folder: string, pgDump: string, dump: HallDumpOptions): Promise<number> {
    const version = await schemaVersion(db)
    try {
      // Created readable by its owner only before pg_dump writes a byte into it.
      writeFileSync(partial, '', { mode: 0o600 })
    } catch {
      throw new AppError('CONFLICT', 'e.BACKUP_FOLDER', { folder })
    }
    const schema = dump.schema ?? hallSchemaOf(dump.url)
    running = { table: null, tables: 0 }
    const progress = running
    await runPgDump({
      pgDump,
      url: dump.url,
      file: partial,
      ...(schema === null ? {} : { schema }),
      onTable: (table) => {
        progress.table = table
        progress.tables += 1
      },
      ...(dump.log === undefined ? {} : { log: dump.log }),
    })
    if (!(await checkDump(partial, pgRestoreBeside(pgDump), REQUIRED_TABLES))) throw new AppError('INTERNAL', 'e.hallBackup.CHECK')
    return version
  }

  async function make(folder: string, userId: number | null): Promise<BackupInfo> {
    const now = clock()
    const { timeZone, keepDays } = await settings()
    // Hall mode without the PostgreSQL client: said plainly, and nothing written.
    const pgDump = hallDb === undefined ? null : locatePgDump()
    if (hallDb !== undefined && pgDump === null) throw new AppError('CONFLICT', 'e.hallBackup.MISSING')
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 })
    } catch {
      throw new AppError('CONFLICT', 'e.BACKUP_FOLDER', { folder })
    }
    const stamp = timeStamp(now, timeZone)
    const kind = hallDb === undefined ? 'file' : 'dump'
    let fileName = backupFileName(stamp, 1, kind)
    for (let n = 2; existsSync(join(folder, fileName)); n++) fileName = backupFileName(stamp, n, kind)
    const path = join(folder, fileName)
    const partial = `${path}.partial`
    try {
      const version = hallDb === undefined || pgDump === null ? await writeFileCopy(partial, folder) : await writeHallDump(partial, folder, pgDump, hallDb)
      chmodSync(partial, 0o600)
      renameSync(partial, path)
      const info: BackupInfo = {
        path,
        fileName,
        createdAt: now.toISOString(),
        schemaVersion: version,
        sizeBytes: statSync(path).size,
        sha256: await sha256File(path),
      }
      writeSidecar(path, {
        app: 'intake-desk',
        createdAt: info.createdAt,
        schemaVersion: info.schemaVersion,
        sizeBytes: info.sizeBytes,
        sha256: info.sha256,
      })
      writePrivateFile(stateFile, `${JSON.stringify({ at: info.createdAt, path } satisfies LastBackup)}\n`)
      const removed = pruneBackups(folder, now, keepDays, timeZone, [path])
      await db.transaction().execute((trx) =>
        appendAudit(trx, now, {
          userId,
          action: 'backup.create',
          entity: 'backup',
          entityId: fileName,
          detail: {
            file: fileName,
            ...(hallDb === undefined ? {} : { via: 'pg_dump' }),
            sizeBytes: info.sizeBytes,
            schemaVersion: info.schemaVersion,
            pruned: removed.length,
          },
        }),
      )
      options.announce?.(change('backup', [fileName]))
      return info
    } finally {
      running = null
      rmSync(partial, { force: true })
      rmSync(`${partial}-journal`, { force: true })
    }
  }

  /** The card's hall-mode part: who backs up the hall's database, and the commands for IT. */
  function hallStatus(folder: string | null): HallBackupStatus | null {
    if (hallDb === undefined) return null
    const file = join(folder ?? '.', 'intake-desk-hall-YYYYMMDD.dump')
    return {
      target: connectionWithoutPassword(hallDb.url) ?? 'postgres://…',
      pgDump: locatePgDump(),
      dumpCommand: pgDumpCommand(hallDb.url, file),
      pgpassLine: pgpassLine(hallDb.url),
      restoreCommand: pgRestoreCommand(hallDb.url, file),
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

  /** backup.status: the hall's folder and keep days, and how old the last backup is. */
  function status(ctx: CallContext): Promise<BackupStatus> {
    const { hall } = signedIn(ctx)
    return Promise.resolve({
      folder: hall.backup_folder,
      keepDays: hall.backup_keep_days,
      last: lastBackup(),
      stale: isStale(ctx.now),
      hall: hallStatus(hall.backup_folder),
      running: running === null ? null : { ...running },
    })
  }

  /** backup.now: a backup to the hall's folder, which must be set. */
  async function now(ctx: CallContext): Promise<BackupFile> {
    const { hall, user } = signedIn(ctx)
    if (hall.backup_folder === null) throw new AppError('CONFLICT', 'e.NO_BACKUP_FOLDER')
    const info = await backupNow(hall.backup_folder, user.id)
    return { path: info.path, fileName: info.fileName, kind: hallDb === undefined ? 'file' : 'dump', createdAt: info.createdAt, schemaVersion: info.schemaVersion, sizeBytes: info.sizeBytes, hashMatches: true }
  }

  /** backup.list: the backups in the hall's folder, each file's hash checked. */
  async function list(ctx: CallContext): Promise<BackupFile[]> {
    const { hall } = signedIn(ctx)
    if (hall.backup_folder === null) return []
    return listIn(hall.backup_folder, { verifyHashes: true })
  }

  /** backup.restore: through the core host, which reopens the core on the restored data. */
  async function restore(ctx: CallContext, input: { path: string }): Promise<null> {
    const { user } = signedIn(ctx)
    // The hall's database is restored by IT on the server (pg_restore), never from one desk.
    if (hallDb !== undefined) throw new AppError('CONFLICT', 'e.hallBackup.RESTORE_BY_IT')
    if (options.restore === undefined) throw new AppError('CONFLICT', 'e.RESTORE_UNAVAILABLE')
    await options.restore(input.path, user.id)
    return null
  }

  async function listIn(folder: string, list: { verifyHashes?: boolean } = {}): Promise<BackupFile[]> {
    return listBackups(folder, { timeZone: (await settings()).timeZone, ...list })
  }

  /**
   * The copies of the hall's data left plain from before encryption, encrypted in place with the
   * hall's key: the backups in its folder (their sidecars rewritten) and the databases set aside
   * by restores (`replaced-…/`). Run at start; a copy that cannot be encrypted is logged and left.
   */
  async function encryptPlainCopies(log: (line: string) => void): Promise<void> {
    if (key === null) return
    const { folder } = await settings()
    const backupFiles = folder === null ? [] : (await listIn(folder, { verifyHashes: false })).filter((b) => b.kind === 'file').map((b) => b.path)
    const setAside = existsSync(options.dataDir)
      ? readdirSync(options.dataDir)
          .filter((name) => name.startsWith('replaced-'))
          .map((name) => join(options.dataDir, name, DATABASE_FILE))
      : []
    for (const path of [...backupFiles, ...setAside]) {
      if (!existsSync(path) || fileState(path) !== 'plain') continue
      try {
        log(`encrypting ${path}, a copy from before encryption`)
        encryptPlainFile(path, key)
        const sidecar = readSidecar(path)
        if (sidecar !== null) writeSidecar(path, { ...sidecar, sizeBytes: statSync(path).size, sha256: await sha256File(path) })
      } catch (error) {
        log(`could not encrypt ${path}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  }

  return {
    status,
    now,
    list,
    restore,
    /** What setup offers: a backups folder inside the data folder (another disk is better; the field says so). */
    defaultFolder: join(options.dataDir, 'backups'),
    backupNow,
    scheduled,
    listBackups: listIn,
    checkBackup: (path: string) => checkBackup(path, key),
    encryptPlainCopies,
    lastBackup,
    isStale,
  }
}
