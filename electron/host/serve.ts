import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Clock } from '../clock'
import { openCoreHost } from '../core-host'
import { DatabaseFromFutureError, HallDatabaseUnsuitableError } from '../db/migrate'
import { isConnectionError } from '../db/postgres'
import { HallKeyMissingError } from '../services/keys/hall-secret'
import { defaultDataDir } from '../paths'
import { chromiumPdf, findChromium } from '../print/chromium-pdf'
import { browserOnlyPrinter } from '../print/printer'
import { EXPORTS_DIR } from '../services/reports/exports'
import { startHost } from './server'
import { moveToHall } from './move-to-hall'
import { hallMoveStartSchema } from '../../shared/hall-move/schemas'
import { fileHallConnectionStore, savedHallDatabase } from '../services/hall-connection/store'

/**
 * `npm run serve -- --data-dir DIR --port N [--database postgres://USER:PASS@HOST:PORT/DB] [--desk-name 3号窗口] [--chromium PATH] [--first-run-choice]`:
 * the browser host. Without --database (or INTAKE_DESK_DATABASE) the hall is the SQLite file in the data dir.
 * --first-run-choice: before setup, the first screen offers 单机使用 or 连接大厅数据库 (as the app does).
 * PDF files (the 台账) are rendered by the machine's Chromium, Chrome or Edge: found in the usual
 * places, or named by --chromium.
 * `--move-to-hall postgres://OWNER:PASSWORD@HOST:PORT/DB` instead moves that file's hall into an empty
 * hall database and exits (move-to-hall.ts).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '5181' },
      // For demonstrations and end-to-end tests: the hall's clock starts at this instant and runs on.
      clock: { type: 'string' },
      // The hall's PostgreSQL database, shared by every desk of the hall (issue #10).
      database: { type: 'string' },
      // The desk's name in the header and on each registration, print and audit row.
      'desk-name': { type: 'string' },
      // The browser that renders PDF files, when it is not in the usual places.
      chromium: { type: 'string' },
      // 迁移到大厅数据库 from the command line: the desk's SQLite hall into an empty PostgreSQL database.
      'move-to-hall': { type: 'string' },
      // Before setup the first screen offers 单机使用 or 连接大厅数据库, as the desktop app always does.
      'first-run-choice': { type: 'boolean', default: false },
      // End-to-end tests only: the PostgreSQL schema the first-run join (连接大厅数据库) opens.
      'test-schema': { type: 'string' },
    },
  })
  // Without --database: the connection an administrator saved in 大厅设置 (encrypted beside its key), if any.
  const database = values.database ?? (process.env.INTAKE_DESK_DATABASE || undefined) ?? savedHallDatabase(fileHallConnectionStore(values['data-dir'] ?? defaultDataDir()))
  if (database !== undefined && !/^postgres(ql)?:\/\//.test(database)) {
    console.error('--database 应为 postgres://用户:密码@主机:端口/数据库 / --database must be a postgres:// URL')
    process.exit(2)
  }
  const desk = values['desk-name']?.trim()
  if (desk !== undefined && (desk === '' || desk.length > 40)) {
    console.error('--desk-name 应为 1–40 个字符，如 3号窗口 / --desk-name must be 1–40 characters, e.g. 3号窗口')
    process.exit(2)
  }
  const testSchema = values['test-schema']
  if (testSchema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(testSchema)) {
    console.error('--test-schema must be a lower-case PostgreSQL identifier')
    process.exit(2)
  }
  const moveTo = values['move-to-hall']
  if (moveTo !== undefined) {
    if (!hallMoveStartSchema.safeParse({ url: moveTo }).success) {
      console.error('--move-to-hall 应为 postgres://用户:密码@主机:端口/数据库 / --move-to-hall must be a postgres:// URL')
      process.exit(2)
    }
    process.exit(await moveToHall({ dataDir: values['data-dir'] ?? defaultDataDir(), url: moveTo, ...(desk === undefined ? {} : { desk }) }, (line) => console.log(line)))
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, got ${values.port}`)
    process.exit(2)
  }
  const dataDir = values['data-dir'] ?? defaultDataDir()
  const chromium = findChromium(values.chromium)
  if (chromium === null && values.chromium !== undefined) {
    console.error(`--chromium：找不到 ${values.chromium} / --chromium: no browser at ${values.chromium}`)
    process.exit(2)
  }
  let clock: Clock | undefined
  if (values.clock !== undefined) {
    const start = Date.parse(values.clock)
    if (Number.isNaN(start)) {
      console.error(`--clock must be an ISO date-time, got ${values.clock}`)
      process.exit(2)
    }
    const offset = start - Date.now()
    clock = () => new Date(Date.now() + offset)
  }
  const coreHost = await openCoreHost({
      dataDir,
      fontDir: join(__dirname, '..', 'fonts'),
      warmFonts: true,
      printer: { ...browserOnlyPrinter, toPdf: chromium === null ? null : chromiumPdf(chromium, join(dataDir, EXPORTS_DIR)) },
      ...(clock ? { clock } : {}),
      ...(database === undefined ? {} : { database }),
      ...(desk === undefined ? {} : { desk }),
      firstRunChoice: values['first-run-choice'],
      ...(testSchema === undefined ? {} : { testSchema }),
    }, (line) => console.error(`[intake-desk] ${line}`))
  const host = await startHost({
    dispatch: coreHost.dispatch,
    events: { subscribe: coreHost.changes.subscribe, mayHear: coreHost.mayHear },
    download: (sessionKey, id) => coreHost.core.exports.take(sessionKey, id),
    staticDir: join(__dirname, '..', 'renderer'),
    port,
  })
  if (chromium === null) console.error('[intake-desk] 未找到 Chrome、Edge 或 Chromium：台账不能存为 PDF 文件，仍可打印 / no Chromium found: no PDF files, printing still works')
  console.log(`Intake Desk listening on ${host.url}${database === undefined ? '' : ' (hall database: PostgreSQL)'}`)

  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    void host.close().then(() => coreHost.close()).then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseFromFutureError) {
    console.error(`数据库由更新版本的接访台创建（版本 ${error.found}），请升级本程序。 / The database is from a newer Intake Desk (schema ${error.found}); upgrade this app.`)
  } else if (error instanceof HallDatabaseUnsuitableError) {
    console.error(error.message)
  } else if (isConnectionError(error)) {
    console.error(`无法连接大厅数据库，请检查 --database 的主机、端口、用户和密码，以及数据库服务器是否在运行。 / Cannot reach the hall database: ${error instanceof Error ? error.message : String(error)}`)
  } else if (error instanceof HallKeyMissingError) {
    console.error('本机没有这个大厅数据库的密钥：请把恢复密钥放在环境变量 INTAKE_DESK_KEY 中再启动。 / This PC has no key for this database: start with the recovery key in INTAKE_DESK_KEY.')
  } else {
    console.error(error instanceof Error ? error.message : String(error))
  }
  process.exit(1)
})
