import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Period } from '../../../shared/reports/period'
import type { ExportJob } from '../../../shared/reports/types'
import type { exportSchema, jobSchema, periodSchema } from '../../../shared/reports/schemas'
import { AppError } from '../../errors'
import type { Database, Hall, User } from '../../db/schema'
import type { PrinterAdapter } from '../../print/printer'
import type { ReceiptFonts } from '../../print/receipt-font'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { zhText } from '../../../shared/i18n/zh-text'
import { hallClockTime, hallDate } from '../../../shared/time'
import { appendAudit, auditChainHead } from '../audit/audit'
import { writeCsv, writeXlsx } from './formats'
import { logHtml } from './log-html'
import { countLogRows, logRows, type LogRow } from './log-rows'
import { statistics } from './statistics'
import type { Clock } from '../../clock'

export type ExportFormat = 'xlsx' | 'csv' | 'pdf'
export type ExportKind = 'log' | 'weekly'

interface JobState extends ExportJob {
  userId: number
  /** The session that started the export: only it follows, downloads or saves it. */
  sessionKey: string
  path: string
  doneAt: number | null
  taken: boolean
}

/** The folder in the data folder where finished exports wait for their one download. */
export const EXPORTS_DIR = 'exports'
/** A finished export can be downloaded (or saved) once, within this time. */
export const DOWNLOAD_TTL_MS = 10 * 60 * 1000

/** 台账_2026-11-22.xlsx, 台账_2026-11-01至2026-11-22.csv, 周一研判_2026-11-16至2026-11-22.xlsx */
export function exportFileName(kind: ExportKind, period: Period, format: ExportFormat): string {
  const span = period.from === period.to ? period.from : `${period.from}至${period.to}`
  return `${kind === 'weekly' ? '周一研判' : '台账'}_${span}.${format}`
}

export function exportTitle(hall: Hall, kind: ExportKind, period: Period): string {
  const span = period.from === period.to ? period.from : `${period.from} 至 ${period.to}`
  return `${hall.name} ${kind === 'weekly' ? '周一研判（上周来访情况）' : '来访登记台账'} ${span}`
}

/** 导出：工号 A001，2026-11-22 10:05 — every export's header, and the printed 台账's watermark. */
export function exportedBy(user: User, now: Date, timeZone: string): string {
  return zhText('security.exportedBy', { badgeNo: user.badge_no, at: `${hallDate(now, timeZone)} ${hallClockTime(now, timeZone)}` })
}

/**
 * Exports run in the background of the main process, a page of rows at a time, and report
 * progress; the window asks for it and never waits on the work.
 */
export function createExports(db: Kysely<Database>, printer: PrinterAdapter, fonts: ReceiptFonts, dataDir: string, clock: Clock) {
  const jobs = new Map<string, JobState>()
  // Inside the data folder (0700), not a temporary folder others can list; what a crash left
  // there is removed at the next start.
  const dir = join(dataDir, EXPORTS_DIR)
  rmSync(dir, { recursive: true, force: true })

  function discard(job: JobState): void {
    jobs.delete(job.id)
    rmSync(job.path, { force: true })
  }

  /** Finished exports past their ten minutes are removed with their files. */
  function sweep(): void {
    const now = clock().getTime()
    for (const job of jobs.values()) if (job.doneAt !== null && now - job.doneAt > DOWNLOAD_TTL_MS) discard(job)
  }

  async function run(job: JobState, user: User, hall: Hall, kind: ExportKind, period: Period, format: ExportFormat, today: string): Promise<void> {
    const total = Math.max(1, await countLogRows(db, period))
    const onRows = (n: number) => {
      job.progress = Math.min(0.99, n / total)
    }
    const stats = await statistics(db, period, today)
    const title = exportTitle(hall, kind, period)
    const by = exportedBy(user, clock(), hall.time_zone)
    let rows: number
    if (format === 'xlsx') rows = await writeXlsx(job.path, title, by, stats, logRows(db, period), hall.time_zone, onRows)
    else if (format === 'csv') rows = await writeCsv(job.path, by, logRows(db, period), hall.time_zone, onRows)
    else {
      const all: LogRow[] = []
      for await (const page of logRows(db, period)) all.push(...page)
      writeFileSync(job.path, await printer.toPdf(await logHtml(title, stats, all, hall.time_zone, fonts, { chain: await auditChainHead(db), exportedBy: by })), { mode: 0o600 })
      rows = all.length
    }
    await db.transaction().execute((trx) =>
      appendAudit(trx, clock(), {
        userId: job.userId,
        action: 'report.export',
        entity: 'report',
        entityId: job.fileName,
        detail: { kind, format, from: period.from, to: period.to, rows },
      }),
    )
    chmodSync(job.path, 0o600)
    job.progress = 1
    job.doneAt = clock().getTime()
    job.status = 'done'
  }

  /**
   * reports.export: starts the file in the background and answers at once. The work takes a
   * while, so the watermark and the audit row are timed by the clock, not by the call's start.
   */
  function start(ctx: CallContext, input: z.output<typeof exportSchema>): Promise<ExportJob> {
    const { user, hall, now, sessionKey } = signedIn(ctx)
    const { kind, format } = input
    const period = { from: input.from, to: input.to }
    if (format === 'pdf' && !printer.direct) throw new AppError('CONFLICT', 'e.NO_PRINTER')
    sweep()
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    chmodSync(dir, 0o700)
    const id = randomBytes(12).toString('hex')
    const fileName = exportFileName(kind, period, format)
    const job: JobState = {
      id,
      progress: 0,
      status: 'running',
      fileName,
      error: null,
      download: null,
      userId: user.id,
      sessionKey,
      path: join(dir, `${id}.${format}`),
      doneAt: null,
      taken: false,
    }
    jobs.set(id, job)
    run(job, user, hall, kind, period, format, hallDate(now, hall.time_zone)).catch((error: unknown) => {
      job.status = 'failed'
      job.error = error instanceof Error ? error.message : String(error)
    })
    return Promise.resolve(view(job))
  }

  function view(job: JobState): ExportJob {
    return { id: job.id, progress: job.progress, status: job.status, fileName: job.fileName, error: job.error, download: job.status === 'done' && !printer.direct ? `/download/${job.id}` : null }
  }

  function find(sessionKey: string, user: User, id: string): JobState {
    sweep()
    const job = jobs.get(id)
    if (job === undefined || job.userId !== user.id || job.sessionKey !== sessionKey || job.taken) throw new AppError('NOT_FOUND')
    return job
  }

  /** reports.job: how far the session's export is. */
  function job(ctx: CallContext, input: z.output<typeof jobSchema>): Promise<ExportJob> {
    return Promise.resolve(view(find(ctx.sessionKey, signedIn(ctx).user, input.id)))
  }

  /**
   * The finished file for the browser host's download: only to the session that made it, once,
   * within ten minutes. The caller sends it and then calls `done`, which removes it.
   */
  function take(sessionKey: string, id: string): { path: string; fileName: string; done: () => void } | null {
    sweep()
    const job = jobs.get(id)
    if (job === undefined || job.status !== 'done' || job.sessionKey !== sessionKey || job.taken) return null
    job.taken = true
    return { path: job.path, fileName: job.fileName, done: () => discard(job) }
  }

  /** reports.saveExport, Electron's save dialog: the same rule; a cancelled dialog leaves the export to save again. */
  async function save(ctx: CallContext, input: z.output<typeof jobSchema>): Promise<{ path: string } | null> {
    const job = find(ctx.sessionKey, signedIn(ctx).user, input.id)
    if (job.status !== 'done') throw new AppError('CONFLICT', 'e.EXPORT_NOT_READY')
    const saved = await printer.saveFile(job.path, job.fileName)
    if (!saved.ok) return null
    discard(job)
    return { path: saved.path }
  }

  /** reports.logHtml: the log as a printable page, for the browser's print dialog (to paper or to PDF). */
  async function html(ctx: CallContext, period: z.output<typeof periodSchema>): Promise<{ html: string; fileName: string }> {
    const { user, hall, now } = signedIn(ctx)
    const all: LogRow[] = []
    for await (const page of logRows(db, period)) all.push(...page)
    const html = await logHtml(exportTitle(hall, 'log', period), await statistics(db, period, hallDate(now, hall.time_zone)), all, hall.time_zone, fonts, {
      chain: await auditChainHead(db),
      exportedBy: exportedBy(user, now, hall.time_zone),
    })
    return { html, fileName: exportFileName('log', period, 'pdf') }
  }

  function cleanup(): void {
    jobs.clear()
    rmSync(dir, { recursive: true, force: true })
  }

  return { start, job, save, html, take, cleanup }
}

export type Exports = ReturnType<typeof createExports>
