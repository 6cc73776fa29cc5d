import { hostname } from 'node:os'
import { join } from 'node:path'
import type { HallMoveJob } from '../../shared/hall-move/types'
import { deskDatabaseUrl } from '../../shared/hall-move/url'
import { en } from '../../shared/i18n/en'
import { translate } from '../../shared/i18n/translate'
import { zhCN } from '../../shared/i18n/zh-CN'
import type { Clock } from '../clock'
import { systemClock } from '../clock'
import { openCore } from '../core'
import { AppError } from '../errors'
import { DATABASE_FILE } from '../paths'
import { createHallMove } from '../services/hall-move/hall-move'

/** A line in both languages, from the catalogue. */
function both(key: string, params: Record<string, string | number> = {}): string {
  return `${translate(zhCN, key, params)} / ${translate(en, key, params)}`
}

function progressLine(job: HallMoveJob): string {
  const params = { table: job.table ?? '', rows: job.rows, total: job.totalRows }
  return `${Math.round(job.progress * 100)}% ${both(job.phase === 'verifying' ? 'hallMove.verifying' : 'hallMove.copying', params)}`
}

/** The checks and the next steps, or why the move did not happen. */
function report(job: HallMoveJob, out: (line: string) => void): void {
  const v = job.verification
  if (v !== null) {
    for (const t of v.tables) out(`  ${t.table.padEnd(24)} ${String(t.source).padStart(8)} → ${String(t.target).padStart(8)}  ${t.same ? 'OK' : 'DIFFERS'}`)
    out(both('hallMove.tables', { count: v.tables.length, same: v.tables.filter((t) => t.same).length, differ: v.tables.filter((t) => !t.same).length }))
    const count = v.tables.find((t) => t.table === 'visits')?.source ?? 0
    out(both('hallMove.cases', { count, digest: v.casesDigest.slice(0, 16), result: v.casesSame ? 'OK' : 'DIFFERS' }))
    out(both('hallMove.index', { indexed: v.indexed, expected: v.indexExpected }))
    out(both('hallMove.audit', { checked: v.auditChecked, result: v.auditIntact ? 'OK' : 'BROKEN' }))
    if (v.auditBrokenInFile !== null) out(both('hallMove.auditBrokenInFile', { id: v.auditBrokenInFile }))
    if (v.lastCaseNumber !== null) out(both('hallMove.lastCase', { caseNumber: v.lastCaseNumber }))
  }
  if (job.phase !== 'done') {
    out(job.error === null ? both('hallMove.failed') : `${job.error.message} / ${translate(en, job.error.key, job.error.params)}`)
    return
  }
  out(both('hallMove.done'))
  out(both('hallMove.nextTitle'))
  for (const key of ['hallMove.nextStop', 'hallMove.nextStart'] as const) out(both(key))
  out(`   ${translate(zhCN, 'hallMove.nextCommand', { url: deskDatabaseUrl(job.target) })}`)
  for (const key of ['hallMove.nextKey', 'hallMove.nextGrants', 'hallMove.nextFile'] as const) out(both(key))
}

/**
 * `npm run serve -- --data-dir DIR --move-to-hall postgres://OWNER:PASSWORD@HOST:PORT/DB`: the
 * hall's IT person moves a single desk's hall into an empty PostgreSQL database from the desk's
 * computer (the desk itself stopped), as 大厅设置 → 迁移到大厅数据库 does. Returns the exit code.
 */
export async function moveToHall(options: { dataDir: string; url: string; desk?: string; clock?: Clock }, out: (line: string) => void): Promise<number> {
  const clock = options.clock ?? systemClock
  const desk = options.desk ?? hostname()
  const core = await openCore({ dataDir: options.dataDir, desk, clock })
  try {
    const hallMove = createHallMove({ db: core.connection.db, engine: core.connection.engine, file: join(options.dataDir, DATABASE_FILE), key: core.connection.key, desk })
    const job = await hallMove.moveNow(options.url, clock(), (j) => out(progressLine(j)))
    report(job, out)
    return job.phase === 'done' ? 0 : 1
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    out(`${translate(zhCN, error.key, error.params)} / ${translate(en, error.key, error.params)}`)
    return 1
  } finally {
    await core.close()
  }
}
