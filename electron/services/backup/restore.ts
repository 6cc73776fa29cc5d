/**
 * Restoring a backup: the files put in place of the closed database (the current one set aside
 * in `replaced-…/`), the numbers issued since the backup kept from being issued again, and the
 * audit row. Opening the core on the restored data is the caller's (core-host.ts): it passes
 * `reopen`, so no service reaches up to the core.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import type { HallDay } from '../../../shared/days'
import { basename, join } from 'node:path'
import { Kysely, SqliteDialect } from 'kysely'
import { encryptPlainFile, fileState, openSqlite } from '../../db/cipher'
import type { Database } from '../../db/schema'
import { listDaySequences, raiseDaySequences } from '../../db/repositories/sequences'
import { existingCaseNumbers, lastVisitId, listCaseNumbersAfter } from '../../db/repositories/visits'
import type { Clock } from '../../clock'
import { systemClock } from '../../clock'
import { getHall } from '../../db/repositories/hall'
import { AppError } from '../../errors'
import { DATABASE_FILE } from '../../paths'
import { DEFAULT_TIME_ZONE } from '../accounts/setup'
import { appendAudit } from '../audit/audit'
import { checkBackup } from './format'
import { timeStamp } from './stamps'

/** The files SQLite keeps beside a database; each moves with it. */
const COMPANIONS = ['', '-wal', '-shm', '-journal'] as const

/**
 * A restore that could not finish after the core was closed. The current data is back in place
 * and open again in the core `reopen` gave last, which the transports should use from now on.
 */
export class RestoreFailedError extends AppError {
  constructor(cause: unknown) {
    super(
      cause instanceof AppError ? cause.code : 'INTERNAL',
      cause instanceof AppError ? cause.key : 'e.RESTORE_FAILED',
      cause instanceof AppError ? cause.params : {},
    )
    this.name = 'RestoreFailedError'
    this.cause = cause
  }
}

function removeDatabase(file: string): void {
  for (const suffix of COMPANIONS) rmSync(`${file}${suffix}`, { force: true })
}

/**
 * Puts a backup in place of the closed database in `dataDir`: the backup is copied beside it
 * (encrypted with `key` on the way when it is from before encryption) and checked again, then
 * the current database (with its -wal and -shm) is moved to `dataDir/replaced-YYYYMMDD-HHmmss/`
 * and the copy renamed into its place. Refuses (with the check's AppError) before touching the
 * current database; a backup `key` does not open is refused as not a database.
 */
export function restoreFiles(
  dataDir: string,
  backupPath: string,
  key: Buffer | null,
  at: Date = new Date(),
  timeZone: string = DEFAULT_TIME_ZONE,
): { replacedDir: string; schemaVersion: number } {
  const live = join(dataDir, DATABASE_FILE)
  const staging = `${live}.restoring`
  removeDatabase(staging)
  try {
    const precheck = checkBackup(backupPath, key)
    if (!precheck.ok) throw precheck.error
    copyFileSync(backupPath, staging)
    // SQLite reads a -wal beside a database as part of it, so the copy takes it too.
    if (existsSync(`${backupPath}-wal`)) copyFileSync(`${backupPath}-wal`, `${staging}-wal`)
    try {
      if (fileState(staging) === 'plain' && key !== null) {
        encryptPlainFile(staging, key)
      } else {
        const copy = openSqlite(staging, key, { fileMustExist: true })
        try {
          copy.pragma('journal_mode = DELETE')
        } finally {
          copy.close()
        }
      }
    } catch {
      // A file SQLite cannot open is named by the check below.
    }
    // The copy, not the original, is what goes in place: check what will actually be used.
    const check = checkBackup(staging, key)
    if (!check.ok) throw check.error

    let replacedDir = join(dataDir, `replaced-${timeStamp(at, timeZone)}`)
    for (let n = 2; existsSync(replacedDir); n++)
      replacedDir = join(dataDir, `replaced-${timeStamp(at, timeZone)}-${n}`)
    mkdirSync(replacedDir)
    const moved: string[] = []
    try {
      for (const suffix of COMPANIONS) {
        if (!existsSync(`${live}${suffix}`)) continue
        renameSync(`${live}${suffix}`, join(replacedDir, `${DATABASE_FILE}${suffix}`))
        moved.push(suffix)
      }
      renameSync(staging, live)
    } catch (error) {
      for (const suffix of moved)
        renameSync(join(replacedDir, `${DATABASE_FILE}${suffix}`), `${live}${suffix}`)
      rmSync(replacedDir, { recursive: true, force: true })
      throw error
    }
    return { replacedDir, schemaVersion: check.schemaVersion }
  } finally {
    removeDatabase(staging)
  }
}

/** How many of the cases left out by a restore its audit row names. */
const MAX_LISTED_CASES = 200

/**
 * What the replaced database had issued: every day's last case number, and the cases newer
 * than the restored database's newest (those registered after the backup, when the backup is
 * of the same hall). Read from the file set aside, which the closed core left checkpointed.
 */
async function issuedNumbers(file: string, key: Buffer | null, afterVisitId: number): Promise<{ sequences: { hall_day: HallDay; last_seq: number }[]; caseNumbers: string[] }> {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: openSqlite(file, key, { readonly: true, fileMustExist: true }) }),
  })
  try {
    return { sequences: await listDaySequences(db), caseNumbers: await listCaseNumbersAfter(db, afterVisitId) }
  } finally {
    await db.destroy()
  }
}

/** Takes back a restore: the restored database goes, the one set aside in `replacedDir` returns. */
export function undoRestore(dataDir: string, replacedDir: string): void {
  const live = join(dataDir, DATABASE_FILE)
  removeDatabase(live)
  for (const suffix of COMPANIONS) {
    const aside = join(replacedDir, `${DATABASE_FILE}${suffix}`)
    if (existsSync(aside)) renameSync(aside, `${live}${suffix}`)
  }
  rmSync(replacedDir, { recursive: true, force: true })
}

/** What a restore needs of the running core: its database and the key of its file, and closing it. */
export interface RestorableCore {
  connection: { db: Kysely<Database>; key: Buffer | null }
  close: () => Promise<void>
}

export interface RestoreRequest<C extends RestorableCore> {
  /** The data folder the core's database file is in. */
  dataDir: string
  backupPath: string
  userId: number | null
  clock?: Clock
  /** Opens a core on the database now in `dataDir`: the restored one, or the current one put back. */
  reopen: () => Promise<C>
}

/**
 * Restores a backup under a running core: checks it (a refusal leaves the core open and the
 * data untouched), closes the core, swaps the files, and has `reopen` open a new core on the
 * restored data, which migrates it forward if it is older. Every session of the old core ends
 * with it. On a failure after the close, the current data is put back, `reopen` opens it again
 * and RestoreFailedError is thrown.
 */
export async function restoreBackup<C extends RestorableCore>(core: C, request: RestoreRequest<C>): Promise<C> {
  const { dataDir, backupPath, userId, reopen } = request
  const { key } = core.connection
  const check = checkBackup(backupPath, key)
  if (!check.ok) throw check.error
  const hall = await getHall(core.connection.db)
  const timeZone = hall?.time_zone ?? DEFAULT_TIME_ZONE
  const now = (request.clock ?? systemClock)()
  await core.close()

  let replacedDir: string
  try {
    replacedDir = restoreFiles(dataDir, backupPath, key, now, timeZone).replacedDir
  } catch (error) {
    await reopen()
    throw new RestoreFailedError(error)
  }
  let next: C | undefined
  try {
    next = await reopen()
    const db = next.connection.db
    const issued = await issuedNumbers(join(replacedDir, DATABASE_FILE), key, await lastVisitId(db))
    await db.transaction().execute(async (trx) => {
      const restored = await existingCaseNumbers(trx, issued.caseNumbers)
      const notRestored = issued.caseNumbers.filter((n) => !restored.has(n))
      // Receipts with the numbers issued after the backup are in visitors' hands: never issue them again.
      await raiseDaySequences(trx, issued.sequences)
      await appendAudit(trx, now, {
        userId,
        action: 'backup.restore',
        entity: 'backup',
        entityId: basename(backupPath),
        detail: {
          file: basename(backupPath),
          schemaVersion: check.schemaVersion,
          replacedDir: basename(replacedDir),
          // The cases registered after the backup: they stay in the replaced database only.
          notRestored: notRestored.length,
          ...(notRestored.length > 0 ? { notRestoredCases: notRestored.slice(0, MAX_LISTED_CASES) } : {}),
        },
      })
    })
    return next
  } catch (error) {
    await next?.close()
    undoRestore(dataDir, replacedDir)
    await reopen()
    throw new RestoreFailedError(error)
  }
}
