import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { hallMoveJobSchema, hallMoveStartSchema } from '../../../shared/hall-move/schemas'
import { redactedHallUrl } from '../../../shared/hall-move/url'
import type { HallMoveJob } from '../../../shared/hall-move/types'
import { zhCN } from '../../../shared/i18n/zh-CN'
import { translate } from '../../../shared/i18n/translate'
import type { Engine } from '../../db/connection'
import { openReadOnly } from '../../db/connection'
import { DeskPlugin } from '../../db/dialect'
import { DatabaseFromFutureError, HallDatabaseUnsuitableError, migrate, schemaVersion } from '../../db/migrate'
import { MIGRATIONS } from '../../db/migrations'
import { isConnectionError, openPostgres } from '../../db/postgres'
import { getHall } from '../../db/repositories/hall'
import { clearMovedTables, hallContents } from '../../db/repositories/hall-move'
import type { Database } from '../../db/schema'
import { AppError } from '../../errors'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { appendAudit, checkAudit, withAuditKeyOf } from '../audit/audit'
import type { Progress } from './copy'
import { compareTables, copyTables, sourceCounts } from './copy'

export interface HallMoveDeps {
  /** The desk's own database (keyed: the hall's audit key is on it). */
  db: Kysely<Database>
  engine: Engine
  /** The desk's SQLite file, read through a read-only handle of its own. */
  file: string
  /** The key the file is encrypted with (null for a plain file). */
  key: Buffer | null
  desk: string
  /** Tests only: the PostgreSQL schema the move writes into. */
  testSchema?: string
}

/** The move's one long transaction works between its statements; a desk's 5 s / 8 s limits would end it. */
const MOVE_LIMITS = { statementMs: 120_000, idleInTransactionMs: 120_000 }

interface JobState extends HallMoveJob {
  userId: number | null
  sessionKey: string
}

/** What an unexpected failure of the target says to the administrator, in the catalogue's words. */
function refusal(error: unknown, target: string, table: string | null): AppError {
  if (error instanceof AppError) return error
  if (error instanceof HallDatabaseUnsuitableError) return new AppError('CONFLICT', 'e.hallMove.UNSUITABLE', { problem: error.problem })
  if (error instanceof DatabaseFromFutureError) return new AppError('CONFLICT', 'e.hallMove.TOO_NEW', { found: error.found, supported: error.supported })
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined
  // 28…: the user or password was refused; 3D000: no such database.
  if (isConnectionError(error) || (typeof code === 'string' && (code.startsWith('28') || code === '3D000'))) return new AppError('HALL_UNAVAILABLE', 'e.hallMove.UNREACHABLE', { target })
  if (code === '42501') return new AppError('CONFLICT', 'e.hallMove.PRIVILEGE', { target })
  return new AppError('INTERNAL', 'e.hallMove.FAILED', { table: table ?? '—' })
}

/**
 * 迁移到大厅数据库: copies a single desk's hall from its SQLite file into an empty PostgreSQL
 * database, checks the copy, and leaves the file as it was (it is only read, through a handle
 * of its own, in one snapshot, so the desk goes on answering meanwhile).
 *
 * The copy is one transaction on the hall's database: a failure anywhere, or a check that does
 * not hold, rolls it all back and leaves the database empty again, as the move found it. Per
 * table transactions could not promise that: the audit trail refuses DELETE and TRUNCATE for
 * everyone (its trigger), so a half-copied trail could never be taken out again.
 */
export function createHallMove(deps: HallMoveDeps) {
  const jobs = new Map<string, JobState>()
  let running: JobState | undefined

  function openTarget(url: string) {
    // A move that stops answering still lets go of the hall's database after two minutes.
    return openPostgres({ url, desk: deps.desk, max: 2, limits: MOVE_LIMITS, ...(deps.testSchema === undefined ? {} : { schema: deps.testSchema }) })
  }

  function view(job: JobState): HallMoveJob {
    const { userId: _u, sessionKey: _s, ...shown } = job
    return { ...shown, verification: job.verification === null ? null : { ...job.verification, tables: [...job.verification.tables] } }
  }

  function fail(job: JobState, error: AppError): void {
    job.phase = 'failed'
    job.error = { key: error.key, params: error.params, message: translate(zhCN, error.key, error.params) }
  }

  /** Refuses, before anything is written, a target that is unreachable, not empty, or newer than the app; then gives it the app's schema. */
  async function prepare(target: ReturnType<typeof openTarget>, shown: string): Promise<void> {
    try {
      const version = await schemaVersion(target.db)
      if (version > MIGRATIONS.length) throw new DatabaseFromFutureError(version, MIGRATIONS.length)
      // A hall already there is refused before a migration could touch it.
      if (version > 0) await refuseContents(target.db)
      await migrate(target.db)
      await refuseContents(target.db)
    } catch (error) {
      throw refusal(error, shown, null)
    }
  }

  async function refuseContents(db: Kysely<Database>): Promise<void> {
    const { hall, rows } = await hallContents(db)
    if (hall !== null) throw new AppError('CONFLICT', 'e.hallMove.HAS_HALL', { hall })
    if (rows > 0) throw new AppError('CONFLICT', 'e.hallMove.NOT_EMPTY', { rows })
  }

  async function run(job: JobState, target: ReturnType<typeof openTarget>, userId: number | null, now: Date): Promise<void> {
    const source = openReadOnly(deps.file, deps.key)
    let table: string | null = null
    const progress = (weight: number, offset: number): Progress => ({
      table: (name) => {
        table = name
        job.table = name
      },
      rows: (n) => {
        job.rows += n
        job.progress = Math.min(0.99, offset + (weight * job.rows) / Math.max(1, job.totalRows))
      },
    })
    try {
      const keyed = withAuditKeyOf(target.db.withPlugin(new DeskPlugin(deps.desk)), deps.db)
      // One snapshot of the file for the whole move: what the desk writes meanwhile is not in it.
      await withAuditKeyOf(source.db, deps.db)
        .transaction()
        .execute(async (snapshot) => {
          // The file's side first, before the hall's transaction is open: its counts, and its own
          // walk of the chain, which the copy must then walk the same on the hall's database.
          job.totalRows = [...(await sourceCounts(snapshot)).values()].reduce((a, b) => a + b, 0)
          const before = await checkAudit(snapshot)
          await keyed.transaction().execute(async (trx) => {
            await refuseContents(trx)
            await clearMovedTables(trx)
            const digests = await copyTables(snapshot, trx, progress(0.7, 0))
            job.phase = 'verifying'
            job.rows = 0
            const compared = await compareTables(trx, digests, progress(0.3, 0.7))
            table = 'audit_log'
            await appendAudit(trx, now, {
              userId,
              action: 'hall.move',
              entity: 'hall',
              detail: { ...(userId === null ? { via: 'command line' } : {}), target: job.target, rows: job.totalRows, cases: digests.get('visits')?.rows ?? 0, lastCaseNumber: compared.lastCaseNumber, casesDigest: compared.casesDigest },
            })
            const audit = await checkAudit(trx)
            const auditIntact = audit.firstBrokenId === null && audit.cutAtEnd === null
            const sourceBroken = before.firstBrokenId ?? (before.cutAtEnd === null ? null : before.checked)
            job.verification = { ...compared, auditChecked: audit.checked, auditIntact, auditBrokenInFile: sourceBroken }
            // A chain already broken in the file moves as it is (a move neither mends nor hides it):
            // the hall's database must then find it broken at the same row, and intact otherwise.
            const chainHolds = sourceBroken === null ? auditIntact : audit.firstBrokenId === before.firstBrokenId && audit.cutAtEnd?.rows === before.cutAtEnd?.rows
            const holds = compared.tables.every((t) => t.same) && compared.indexed === compared.indexExpected && chainHolds
            // A copy that does not check out is not committed: the database is left empty.
            if (!holds) throw new AppError('CONFLICT', 'e.hallMove.MISMATCH')
          })
        })
      job.phase = 'done'
      job.progress = 1
      job.table = null
    } catch (error) {
      fail(job, refusal(error, job.target, table))
    } finally {
      await source.close()
      await target.close()
      running = undefined
    }
  }

  /** Checks the target, refusing before anything is written, and begins the copy in the background. */
  async function begin(url: string, userId: number | null, sessionKey: string, now: Date): Promise<{ job: JobState; done: Promise<void> }> {
    if (deps.engine !== 'sqlite') throw new AppError('CONFLICT', 'e.hallMove.ALREADY_HALL')
    if (running !== undefined) throw new AppError('CONFLICT', 'e.hallMove.RUNNING')
    if ((await getHall(deps.db)) === undefined) throw new AppError('SETUP_REQUIRED')
    const shown = redactedHallUrl(url)
    const target = openTarget(url)
    const id = randomBytes(12).toString('hex')
    const job: JobState = { id, phase: 'copying', progress: 0, table: null, rows: 0, totalRows: 0, target: shown, error: null, verification: null, userId, sessionKey }
    running = job
    try {
      await prepare(target, shown)
    } catch (error) {
      running = undefined
      await target.close()
      throw error
    }
    jobs.clear()
    jobs.set(id, job)
    return { job, done: run(job, target, userId, now) }
  }

  /**
   * Checks the target and starts the move; the card follows it with `job`. A refusal (this desk
   * already on a hall database, a move running, the target unreachable, not empty, or newer
   * than the app) comes back at once, and nothing was written anywhere.
   */
  async function start(ctx: CallContext, input: z.output<typeof hallMoveStartSchema>): Promise<HallMoveJob> {
    const { user, now, sessionKey } = signedIn(ctx)
    const { job } = await begin(input.url, user.id, sessionKey, now)
    return view(job)
  }

  /**
   * The command-line form (`--move-to-hall`, for the hall's IT person at the desk's computer):
   * the same move, run to its end, `progress` told as it goes; audited without a user.
   */
  async function moveNow(url: string, now: Date, progress: (job: HallMoveJob) => void): Promise<HallMoveJob> {
    const { job, done } = await begin(url, null, '', now)
    const timer = setInterval(() => progress(view(job)), 1_000)
    try {
      await done
    } finally {
      clearInterval(timer)
    }
    return view(job)
  }

  /** The move's progress and, when it is over, its checks or its failure. */
  function job(ctx: CallContext, input: z.output<typeof hallMoveJobSchema>): Promise<HallMoveJob> {
    const { user, sessionKey } = signedIn(ctx)
    const found = jobs.get(input.id)
    if (found === undefined || found.userId !== user.id || found.sessionKey !== sessionKey) throw new AppError('NOT_FOUND')
    return Promise.resolve(view(found))
  }

  return { start, job, moveNow }
}

export type HallMove = ReturnType<typeof createHallMove>
