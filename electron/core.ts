import type { Kysely } from 'kysely'
import type { Database } from './db/schema'
import { DEFAULT_DEADLINE_RULES } from '../shared/deadlines'
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import type { Clock } from './clock'
import { systemClock } from './clock'
import type { Connection } from './db/connection'
import { migrate } from './db/migrate'
import type { Maintenance } from './db/maintenance'
import { createMaintenance, idleMaintenance } from './db/maintenance'
import { openPostgres } from './db/postgres'
import { DeskPlugin } from './db/dialect'
import { createLocalDraftsTable } from './db/repositories/drafts'
import type { Dispatch } from './rpc/dispatcher'
import { createDispatcher } from './rpc/dispatcher'
import { createHandlers } from './rpc/handlers'
import { createApp } from './services/app/app'
import { createAuth } from './services/accounts/auth'
import { createSetup } from './services/accounts/setup'
import { createUsers } from './services/accounts/users'
import { createAuditViewer } from './services/audit/viewer'
import { DEFAULT_SCRYPT_N } from './services/accounts/password'
import { SessionStore } from './services/accounts/sessions'
import { createDrafts } from './services/drafts/drafts'
import { createIntake } from './services/intake/intake'
import { createRegistration, type Registration } from './services/intake/registration'
import { createCalendar } from './services/calendar/calendar'
import { createCases } from './services/cases/cases'
import { createCaseLists } from './services/cases/lists'
import { createLeaders } from './services/cases/leaders'
import { createHolidays } from './services/hall-data/holidays'
import { createUnitLists } from './services/hall-data/units'
import { getHall } from './db/repositories/hall'
import { createReceipts } from './services/receipts/receipts'
import { createSettings } from './services/settings/settings'
import { createExports, type Exports } from './services/reports/exports'
import { createStatistics } from './services/reports/statistics'
import { createBackups, type Backups } from './services/backup/backup'
import { createPrivacy } from './services/privacy/privacy'
import { createRetention } from './services/retention/retention'
import { createHallMove } from './services/hall-move/hall-move'
import { createHallConnection } from './services/hall-connection/hall-connection'
import type { HallConnectionStore } from './services/hall-connection/store'
import { fileHallConnectionStore } from './services/hall-connection/store'
import { auditKeyOf, withAuditKey } from './services/audit/audit'
import type { HallSecret, KeyStore } from './services/keys/key-store'
import { fileKeyStore, recoveryKeyOf } from './services/keys/key-store'
import { loadHallSecret } from './services/keys/hall-secret'
import { openEncrypted, openHallFile } from './services/keys/hall-file'
import { countAuditRows } from './db/repositories/audit'
import { createMatters } from './services/matters/matters'
import { createQueue } from './services/queue/queue'
import type { PrinterAdapter } from './print/printer'
import { browserOnlyPrinter } from './print/printer'
import { PACKAGE_FONT_DIR, createReceiptFonts } from './print/receipt-font'
import type { ChangeChannel } from './live/channel'
import { openChangeChannel } from './live/open-channel'
import { DATABASE_FILE } from './paths'

/** Hall mode: the desk's drafts, kept on the desk so that a network cut loses no typing. */
export const LOCAL_DRAFTS_FILE = 'intake-desk-drafts.sqlite3'

export interface CoreOptions {
  dataDir: string
  clock?: Clock
  /** scrypt cost; lowered only by tests. */
  scryptN?: number
  /** Electron's printer; the browser host prints through the browser and makes PDFs with the machine's Chromium. */
  printer?: PrinterAdapter
  /** Where the receipt font lives (dist/fonts in the app; the npm package in development). */
  fontDir?: string
  /** Loads the receipt font and HarfBuzz at start, so the day's first preview is as quick as the rest (the app sets it). */
  warmFonts?: boolean
  onInternalError?: (method: string, error: unknown) => void
  /**
   * The desk's name (`--desk-name`, e.g. 3号窗口): shown in the header, stored with each
   * registration, print and audit row; the computer's name by default.
   */
  desk?: string
  /**
   * Where the hall's secret (the audit key) is kept: safeStorage in the app; a 0600 file or the
   * environment by default. In hall mode every desk needs the same secret (its recovery key).
   */
  keyStore?: KeyStore
  /**
   * The hall's PostgreSQL database (`--database postgres://…` or INTAKE_DESK_DATABASE); without
   * it the hall lives in the SQLite file in `dataDir`, as for a single desk.
   */
  database?: string
  /** Tests only: the PostgreSQL schema this core works in (a fresh one per test core); on a single desk, the one 迁移到大厅数据库 writes into. */
  testSchema?: string
  /** Tests only: how far the fake hall clock is ahead of the real one; on PostgreSQL applied to the server's clock for numbering. */
  testClockOffsetMs?: () => number
  /** Restores a backup and replaces the running core (see core-host.ts); absent in tests. */
  restore?: (path: string, userId: number) => Promise<void>
  /** Where start-up steps are told, such as encrypting a database from before encryption; the console by default. */
  log?: (line: string) => void
  /**
   * Where the desk keeps its connection to the hall's database (连接大厅数据库), password encrypted:
   * safeStorage in the app, an encrypted file under a key file of its own by default.
   */
  hallConnectionStore?: HallConnectionStore
  /** Hall mode: where this desk's pg_dump is (found on PATH or in PostgreSQL's folders by default); null: none here. */
  findPgDump?: () => string | null
  /** Where committed changes are announced; outlives a restore (core-host.ts). A core of its own by default. */
  changes?: ChangeChannel
  /**
   * Whether the host offers the first-run choice (单机使用 or 连接大厅数据库) before setup: the
   * app always, the browser host with --first-run-choice. Needs `join`.
   */
  firstRunChoice?: boolean
  /** Switches the running desk to the hall database `url` after `commit` (core-host.ts); absent in tests without a host. */
  join?: (url: string, commit: () => void) => Promise<Kysely<Database>>
}

/** The main-process core: database, services and the dispatcher every transport calls. */
export interface Core {
  dispatch: Dispatch
  /** Finished export files, for the browser host's downloads. */
  exports: Exports
  backups: Backups
  connection: Connection
  /** The database's housekeeping between registrations (electron/db/maintenance.ts). */
  maintenance: Maintenance
  /** Registration straight through the service, past the dispatcher (a test seeds thousands with it). */
  intake: Registration
  sessions: SessionStore
  /** What committed transactions changed, for the pages (IPC, SSE). */
  changes: ChangeChannel
  close: () => Promise<void>
}

/** Only the method and the error's name and message: never the payload, which may hold ID numbers. */
function logError(method: string, error: unknown): void {
  const e = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  console.error(`[intake-desk] ${method} failed: ${e}`)
}

/**
 * The data folder readable by its owner only (0700), and the database file too (0600), created
 * so before SQLite writes a page into it. (On Windows the per-user profile folder does this.)
 */
function ownerOnly(dataDir: string, file: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  chmodSync(dataDir, 0o700)
  if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600 })
  chmodSync(file, 0o600)
}

/** Opens (and migrates) the hall's database in `dataDir` and wires the services. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const file = join(options.dataDir, DATABASE_FILE)
  ownerOnly(options.dataDir, file)
  const deskName = options.desk ?? hostname()
  const hall = options.database === undefined ? undefined : openPostgres({ url: options.database, desk: deskName, ...(options.testSchema === undefined ? {} : { schema: options.testSchema }) })
  const keyStore = options.keyStore ?? fileKeyStore(options.dataDir)
  const log = options.log ?? ((line: string) => console.log(`[intake-desk] ${line}`))
  // SQLite: the secret comes first, for the key that opens (or encrypts) the file.
  const opened = hall === undefined ? await openHallFile(file, keyStore, log) : { connection: hall, secret: undefined }
  const connection: Connection = opened.connection
  // SQLite gives the WAL and shared-memory files the database file's mode; older ones are put right.
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600)
  // Drafts stay on the desk in both modes: in hall mode in a small SQLite file of their own.
  let localDrafts: Connection | undefined
  let hallSecret: HallSecret
  try {
    const migrating = performance.now()
    const migrated = await migrate(connection.db)
    // An upgrade's first start can take a while on a large hall (0015: about 15 s at a million visits): said in the log.
    if (migrated.from > 0 && migrated.from !== migrated.to) log(`database schema ${migrated.from} → ${migrated.to} in ${Math.round(performance.now() - migrating)} ms`)
    // PostgreSQL: the trail is counted in the hall's database, migrated.
    hallSecret = opened.secret ?? (await loadHallSecret(keyStore, () => countAuditRows(connection.db)))
    if (hall !== undefined) {
      localDrafts = openEncrypted(join(options.dataDir, LOCAL_DRAFTS_FILE), hallSecret, log)
      await createLocalDraftsTable(localDrafts.db)
    }
  } catch (error) {
    await connection.close()
    await localDrafts?.close()
    throw error
  }
  // Every service, and every transaction begun on it, writes the desk's name and appends keyed audit rows.
  const db = withAuditKey(connection.db.withPlugin(new DeskPlugin(deskName)), auditKeyOf(hallSecret))
  const keyedConnection: Connection = { ...connection, db }
  const clock = options.clock ?? systemClock
  const ownChannel = options.changes === undefined
  const changes = options.changes ?? openChangeChannel({ ...(options.database === undefined ? {} : { database: options.database }), ...(options.testSchema === undefined ? {} : { testSchema: options.testSchema }), desk: deskName }, (error) => logError('changes', error))
  const { announce } = changes
  const sessions = new SessionStore()
  const accountsDeps = { db, sessions, scryptN: options.scryptN ?? DEFAULT_SCRYPT_N, announce }
  const auth = createAuth(accountsDeps)
  const auditViewer = createAuditViewer(db, announce)
  const calendar = createCalendar(db)
  await calendar.ensureNationalHolidays()
  const privacy = createPrivacy(db, deskName)
  const cases = createCases(db, calendar, privacy, announce)
  const startHall = await getHall(db)
  if (startHall !== undefined) await cases.refreshMissing(startHall)
  const matters = createMatters(db, privacy)
  if (startHall !== undefined) await matters.prune(startHall, clock())
  // SQLite's housekeeping (FTS merges, WAL checkpoints); the hall's server does its own.
  const maintenance = hall === undefined ? createMaintenance(connection.raw, { onError: (error) => logError('maintenance', error) }) : idleMaintenance()
  const fonts = createReceiptFonts(options.fontDir ?? PACKAGE_FONT_DIR)
  const queue = createQueue(db, fonts, announce)
  const registration = createRegistration(db, {
    inRegistration: queue.linkOnRegister,
    dueDates: cases.dueOfNewCase,
    afterCommit: maintenance.afterWrite,
    announce,
    ...(localDrafts === undefined ? {} : { localDrafts: localDrafts.db }),
    ...(options.testClockOffsetMs === undefined ? {} : { testClockOffsetMs: options.testClockOffsetMs }),
  })
  const intake = createIntake(db, registration, privacy)
  const drafts = createDrafts(localDrafts?.db ?? db)
  if (options.warmFonts === true) void fonts.warm()
  const receipts = createReceipts({
    db,
    onPrinted: async (trx, caseNumber) => {
      const hall = await getHall(trx)
      if (hall !== undefined) await cases.refreshDue(trx, caseNumber, hall)
    },
    announce,
    clock,
    printer: options.printer ?? browserOnlyPrinter,
    fonts,
    deadlines: async (caseNumber) => {
      const hall = await getHall(db)
      return hall === undefined ? { clocks: [], rules: DEFAULT_DEADLINE_RULES } : cases.deadlinesByNumber(caseNumber, hall)
    },
  })
  const settings = createSettings(db, calendar, cases, announce)
  const lists = createCaseLists(db, privacy)
  const leaders = createLeaders(db, announce)
  const printer = options.printer ?? browserOnlyPrinter
  const exports = createExports(db, printer, fonts, options.dataDir, clock)
  const backups = createBackups({
    connection: keyedConnection,
    dataDir: options.dataDir,
    clock,
    announce,
    restore: options.restore,
    // Hall mode: the server's pg_dump, run from this desk when it has the PostgreSQL client.
    hall:
      options.database === undefined
        ? undefined
        : { url: options.database, ...(options.testSchema === undefined ? {} : { schema: options.testSchema }), ...(options.findPgDump === undefined ? {} : { findPgDump: options.findPgDump }), log },
  })
  if (hall === undefined) await backups.encryptPlainCopies(log)
  // The first-run join, where the host offers it and the desk is not on a hall database already.
  const firstRun = options.firstRunChoice === true && options.database === undefined ? options.join : undefined
  const link = () => {
    hall?.link.check()
    return { desk: deskName, engine: connection.engine, state: hall?.link.state() ?? ('connected' as const) }
  }
  const handlers = createHandlers({
    auditViewer, intake, drafts, receipts, settings, cases, lists, leaders, exports, backups, queue, matters, retention: createRetention(db, announce),
    app: createApp({ link, defaultBackupFolder: backups.defaultFolder, firstRunChoice: firstRun !== undefined }),
    setup: createSetup({ ...accountsDeps, recoveryKey: recoveryKeyOf(hallSecret.secret) }),
    auth,
    users: createUsers(accountsDeps),
    unitLists: createUnitLists(db, announce),
    holidays: createHolidays(db, calendar, cases, announce),
    statistics: createStatistics(db),
    hallConnection: createHallConnection({
      db,
      store: options.hallConnectionStore ?? fileHallConnectionStore(options.dataDir),
      activeUrl: options.database,
      auditKey: auditKeyOf(hallSecret),
      ...(firstRun === undefined ? {} : { join: firstRun }),
      ...(options.testSchema === undefined ? {} : { testSchema: options.testSchema }),
    }),
    hallMove: createHallMove({ db, engine: connection.engine, file, key: connection.key, desk: deskName, ...(options.testSchema === undefined ? {} : { testSchema: options.testSchema }) }),
  })
  const dispatch = createDispatcher({
    db,
    ...(hall === undefined ? {} : { hallLink: hall.link }),
    sessions,
    auth,
    clock,
    handlers,
    desk: deskName,
    onInternalError: options.onInternalError ?? logError,
  })
  return {
    dispatch,
    connection: keyedConnection,
    maintenance,
    intake: registration,
    sessions,
    exports,
    backups,
    changes,
    close: async () => {
      maintenance.stop()
      exports.cleanup()
      if (ownChannel) await changes.close()
      await connection.close()
      await localDrafts?.close()
    },
  }
}
