import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { Period } from '../../../shared/reports/period'
import type { ExportJob } from '../../../shared/rpc/types'
import { AppError } from '../../errors'
import type { Database, Hall, User } from '../../db/schema'
import type { PrinterAdapter } from '../../print/printer'
import type { ReceiptFonts } from '../../print/receipt-font'
import { appendAudit, auditChainHead } from '../audit/audit'
import { writeCsv, writeXlsx } from './formats'
import { logHtml } from './log-html'
import { countLogRows, logRows, type LogRow } from './log-rows'
import { statistics } from './statistics'

export type ExportFormat = 'xlsx' | 'csv' | 'pdf'
export type ExportKind = 'log' | 'weekly'

interface JobState extends ExportJob {
  userId: number
  path: string
}

/** 台账_2026-11-22.xlsx, 台账_2026-11-01至2026-11-22.csv, 周一研判_2026-11-16至2026-11-22.xlsx */
export function exportFileName(kind: ExportKind, period: Period, format: ExportFormat): string {
  const span = period.from === period.to ? period.from : `${period.from}至${period.to}`
  return `${kind === 'weekly' ? '周一研判' : '台账'}_${span}.${format}`
}

export function exportTitle(hall: Hall, kind: ExportKind, period: Period): string {
  const span = period.from === period.to ? period.from : `${period.from} 至 ${period.to}`
  return `${hall.name} ${kind === 'weekly' ? '周一研判（上周来访情况）' : '来访登记台账'} ${span}`
}

/**
 * Exports run in the background of the main process, a page of rows at a time, and report
 * progress; the window asks for it and never waits on the work.
 */
export function createExports(db: Kysely<Database>, printer: PrinterAdapter, fonts: ReceiptFonts) {
  const jobs = new Map<string, JobState>()
  const dir = join(tmpdir(), `intake-desk-exports-${process.pid}`)

  async function run(job: JobState, hall: Hall, kind: ExportKind, period: Period, format: ExportFormat, today: string, now: () => Date): Promise<void> {
    const total = Math.max(1, await countLogRows(db, period))
    const onRows = (n: number) => {
      job.progress = Math.min(0.99, n / total)
    }
    const stats = await statistics(db, period, today)
    const title = exportTitle(hall, kind, period)
    let rows: number
    if (format === 'xlsx') rows = await writeXlsx(job.path, title, stats, logRows(db, period), hall.time_zone, onRows)
    else if (format === 'csv') rows = await writeCsv(job.path, logRows(db, period), hall.time_zone, onRows)
    else {
      const all: LogRow[] = []
      for await (const page of logRows(db, period)) all.push(...page)
      writeFileSync(job.path, await printer.toPdf(await logHtml(title, stats, all, hall.time_zone, fonts, { chain: await auditChainHead(db) })))
      rows = all.length
    }
    await db.transaction().execute((trx) =>
      appendAudit(trx, now(), {
        userId: job.userId,
        action: 'report.export',
        entity: 'report',
        entityId: job.fileName,
        detail: { kind, format, from: period.from, to: period.to, rows },
      }),
    )
    job.progress = 1
    job.status = 'done'
  }

  function start(user: User, hall: Hall, kind: ExportKind, period: Period, format: ExportFormat, today: string, now: () => Date): ExportJob {
    if (format === 'pdf' && !printer.direct) throw new AppError('CONFLICT', 'e.NO_PRINTER')
    mkdirSync(dir, { recursive: true })
    const id = randomBytes(12).toString('hex')
    const fileName = exportFileName(kind, period, format)
    const job: JobState = { id, progress: 0, status: 'running', fileName, error: null, download: null, userId: user.id, path: join(dir, `${id}.${format}`) }
    jobs.set(id, job)
    run(job, hall, kind, period, format, today, now).catch((error: unknown) => {
      job.status = 'failed'
      job.error = error instanceof Error ? error.message : String(error)
    })
    return view(job)
  }

  function view(job: JobState): ExportJob {
    return { id: job.id, progress: job.progress, status: job.status, fileName: job.fileName, error: job.error, download: job.status === 'done' && !printer.direct ? `/download/${job.id}` : null }
  }

  function find(user: User, id: string): JobState {
    const job = jobs.get(id)
    if (job === undefined || job.userId !== user.id) throw new AppError('NOT_FOUND')
    return job
  }

  return {
    start,
    job: (user: User, id: string) => view(find(user, id)),
    /** The finished file, for the browser host's download and Electron's save dialog. */
    file(id: string): { path: string; fileName: string } | null {
      const job = jobs.get(id)
      return job?.status === 'done' ? { path: job.path, fileName: job.fileName } : null
    },
    async save(user: User, id: string): Promise<{ path: string } | null> {
      const job = find(user, id)
      if (job.status !== 'done') throw new AppError('CONFLICT', 'e.EXPORT_NOT_READY')
      const saved = await printer.saveFile(job.path, job.fileName)
      return saved.ok ? { path: saved.path } : null
    },
    /** The log as a printable page, for the browser's print dialog (to paper or to PDF). */
    async html(hall: Hall, period: Period, today: string): Promise<{ html: string; fileName: string }> {
      const all: LogRow[] = []
      for await (const page of logRows(db, period)) all.push(...page)
      const html = await logHtml(exportTitle(hall, 'log', period), await statistics(db, period, today), all, hall.time_zone, fonts, {
        chain: await auditChainHead(db),
      })
      return { html, fileName: exportFileName('log', period, 'pdf') }
    },
    cleanup(): void {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type Exports = ReturnType<typeof createExports>
