import { mkdirSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import type { Clock } from './clock'
import { systemClock } from './clock'
import type { Connection } from './db/connection'
import { openConnection } from './db/connection'
import { migrate } from './db/migrate'
import type { Maintenance } from './db/maintenance'
import { createMaintenance, idleMaintenance } from './db/maintenance'
import { openPostgres } from './db/postgres'
import { DeskPlugin } from './db/dialect'
import { createLocalDraftsTable } from './db/repositories/drafts'
import type { Dispatch } from './rpc/dispatcher'
import { createDispatcher } from './rpc/dispatcher'
import { createHandlers } from './rpc/handlers'
import { createAccounts, type Accounts } from './services/accounts/accounts'
import { createUsersAdmin } from './services/accounts/users-admin'
import { createAuditViewer } from './services/audit/viewer'
import { DEFAULT_SCRYPT_N } from './services/accounts/password'
import { SessionStore } from './services/accounts/sessions'
import { createDrafts } from './services/drafts/drafts'
import { createIntake, type Intake } from './services/intake/intake'
import { createCalendar } from './services/calendar/calendar'
import { createCases } from './services/cases/cases'
import { createCaseLists } from './services/cases/lists'
import { createLeaders } from './services/cases/leaders'
import { createHallData } from './services/hall-data/hall-data'
import { getHall } from './db/repositories/hall'
import { createReceipts } from './services/receipts/receipts'
import { createSettings } from './services/settings/settings'
import { createExports, type Exports } from './services/reports/exports'
import { createBackups, type Backups } from './services/backup/backup'
import { createPrivacy } from './services/privacy/privacy'
import { createQueue } from './services/queue/queue'
import type { PrinterAdapter } from './print/printer'
import { browserOnlyPrinter } from './print/printer'
import { PACKAGE_FONT_DIR, createReceiptFonts } from './print/receipt-font'

export const DATABASE_FILE = 'intake-desk.sqlite3'
/** Hall mode: the desk's drafts, kept on the desk so that a network cut loses no typing. */
export const LOCAL_DRAFTS_FILE = 'intake-desk-drafts.sqlite3'

export interface CoreOptions {
  dataDir: string
  clock?: Clock
  /** scrypt cost; lowered only by tests. */
  scryptN?: number
  /** Electron's printer; the browser host has none and prints through the browser. */
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
   * The hall's PostgreSQL database (`--database postgres://…` or INTAKE_DESK_DATABASE); without
   * it the hall lives in the SQLite file in `dataDir`, as for a single desk.
   */
  database?: string
  /** Tests only: the PostgreSQL schema this core works in (a fresh one per test core). */
  testSchema?: string
  /** Tests only: how far the fake hall clock is ahead of the real one; on PostgreSQL applied to the server's clock for numbering. */
  testClockOffsetMs?: () => number
  /** Restores a backup and replaces the running core (see core-host.ts); absent in tests. */
  restore?: (path: string, userId: number) => Promise<void>
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
  accounts: Accounts
  intake: Intake
  sessions: SessionStore
  close: () => Promise<void>
}

/** Only the method and the error's name and message: never the payload, which may hold ID numbers. */
function logError(method: string, error: unknown): void {
  const e = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  console.error(`[intake-desk] ${method} failed: ${e}`)
}

/** Opens (and migrates) the hall's database in `dataDir` and wires the services. */
export async function openCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true })
  const deskName = options.desk ?? hostname()
  const hall = options.database === undefined ? undefined : openPostgres({ url: options.database, desk: deskName, ...(options.testSchema === undefined ? {} : { schema: options.testSchema }) })
  const connection: Connection = hall ?? openConnection(join(options.dataDir, DATABASE_FILE))
  // Drafts stay on the desk in both modes: in hall mode in a small SQLite file of their own.
  let localDrafts: Connection | undefined
  try {
    await migrate(connection.db)
    if (hall !== undefined) {
      localDrafts = openConnection(join(options.dataDir, LOCAL_DRAFTS_FILE))
      await createLocalDraftsTable(localDrafts.db)
    }
  } catch (error) {
    await connection.close()
    await localDrafts?.close()
    throw error
  }
  const db = connection.db.withPlugin(new DeskPlugin(deskName))
  const clock = options.clock ?? systemClock
  const sessions = new SessionStore()
  const accounts = createAccounts({ db, sessions, scryptN: options.scryptN ?? DEFAULT_SCRYPT_N })
  const usersAdmin = createUsersAdmin({ db, sessions, scryptN: options.scryptN ?? DEFAULT_SCRYPT_N })
  const auditViewer = createAuditViewer(db)
  const calendar = createCalendar(db)
  await calendar.ensureNationalHolidays()
  const cases = createCases(db, calendar)
  const startHall = await getHall(db)
  if (startHall !== undefined) await cases.refreshMissing(startHall)
  // SQLite's housekeeping (FTS merges, WAL checkpoints); the hall's server does its own.
  const maintenance = hall === undefined ? createMaintenance(connection.raw, { onError: (error) => logError('maintenance', error) }) : idleMaintenance()
  const fonts = createReceiptFonts(options.fontDir ?? PACKAGE_FONT_DIR)
  const queue = createQueue(db, fonts)
  const intake = createIntake(db, {
    inRegistration: queue.linkOnRegister,
    dueDates: cases.dueOfNewCase,
    afterCommit: maintenance.afterWrite,
    ...(localDrafts === undefined ? {} : { localDrafts: localDrafts.db }),
    ...(options.testClockOffsetMs === undefined ? {} : { testClockOffsetMs: options.testClockOffsetMs }),
  })
  const drafts = createDrafts(localDrafts?.db ?? db)
  if (options.warmFonts === true) void fonts.warm()
  const receipts = createReceipts({
    db,
    onPrinted: async (trx, caseNumber) => {
      const hall = await getHall(trx)
      if (hall !== undefined) await cases.refreshDue(trx, caseNumber, hall)
    },
    printer: options.printer ?? browserOnlyPrinter,
    fonts,
    clocks: async (caseNumber) => {
      const hall = await getHall(db)
      return hall === undefined ? [] : cases.clocksByNumber(caseNumber, hall)
    },
  })
  const settings = createSettings(db, (hall) => cases.refreshOpen(hall))
  const lists = createCaseLists(db)
  const hallData = createHallData(db, calendar, cases)
  const leaders = createLeaders(db)
  const printer = options.printer ?? browserOnlyPrinter
  const exports = createExports(db, printer, fonts)
  const backups = createBackups({ connection, dataDir: options.dataDir, clock })
  const privacy = createPrivacy(db, deskName)
  const link = () => ({ desk: deskName, engine: connection.engine, state: hall?.link.state() ?? ('connected' as const) })
  const handlers = createHandlers({ link, db, accounts, usersAdmin, auditViewer, intake, drafts, receipts, settings, clock, cases, lists, hallData, leaders, exports, backups, restore: options.restore, queue, privacy })
  const dispatch = createDispatcher({
    db,
    ...(hall === undefined ? {} : { hallLink: hall.link }),
    sessions,
    accounts,
    clock,
    handlers,
    onInternalError: options.onInternalError ?? logError,
  })
  return {
    dispatch,
    connection,
    maintenance,
    accounts,
    intake,
    sessions,
    exports,
    backups,
    close: async () => {
      maintenance.stop()
      exports.cleanup()
      await connection.close()
      await localDrafts?.close()
    },
  }
}
