import type { App } from '../services/app/app'
import { appHandlers } from '../services/app/handlers'
import type { Auth } from '../services/accounts/auth'
import { accountsHandlers } from '../services/accounts/handlers'
import type { Setup } from '../services/accounts/setup'
import type { Users } from '../services/accounts/users'
import { auditHandlers } from '../services/audit/handlers'
import type { AuditViewer } from '../services/audit/viewer'
import type { Backups } from '../services/backup/backup'
import { backupHandlers } from '../services/backup/handlers'
import type { HallMove } from '../services/hall-move/hall-move'
import { hallMoveHandlers } from '../services/hall-move/handlers'
import { hallConnectionHandlers } from '../services/hall-connection/handlers'
import type { HallConnectionService } from '../services/hall-connection/hall-connection'
import type { Cases } from '../services/cases/cases'
import { casesHandlers } from '../services/cases/handlers'
import type { Leaders } from '../services/cases/leaders'
import type { CaseLists } from '../services/cases/lists'
import type { Drafts } from '../services/drafts/drafts'
import { draftsHandlers } from '../services/drafts/handlers'
import { hallDataHandlers } from '../services/hall-data/handlers'
import type { Holidays } from '../services/hall-data/holidays'
import type { UnitLists } from '../services/hall-data/units'
import { intakeHandlers } from '../services/intake/handlers'
import type { Intake } from '../services/intake/intake'
import { mattersHandlers } from '../services/matters/handlers'
import type { Matters } from '../services/matters/matters'
import { queueHandlers } from '../services/queue/handlers'
import type { Queue } from '../services/queue/queue'
import { receiptsHandlers } from '../services/receipts/handlers'
import type { Receipts } from '../services/receipts/receipts'
import type { Exports } from '../services/reports/exports'
import { reportsHandlers } from '../services/reports/handlers'
import type { ReportStatistics } from '../services/reports/statistics'
import { retentionHandlers } from '../services/retention/handlers'
import type { Retention } from '../services/retention/retention'
import { settingsHandlers } from '../services/settings/handlers'
import type { Settings } from '../services/settings/settings'
import type { Handlers } from './context'

/** Every feature's service, as core.ts makes them. */
export interface HandlerDeps {
  app: App
  setup: Setup
  auth: Auth
  users: Users
  auditViewer: AuditViewer
  intake: Intake
  drafts: Drafts
  receipts: Receipts
  settings: Settings
  cases: Cases
  lists: CaseLists
  unitLists: UnitLists
  holidays: Holidays
  leaders: Leaders
  statistics: ReportStatistics
  exports: Exports
  backups: Backups
  matters: Matters
  queue: Queue
  retention: Retention
  hallMove: HallMove
  hallConnection: HallConnectionService
}

/** The contract's handlers: each feature's slice, spread together. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps.app),
    ...accountsHandlers(deps.setup, deps.auth, deps.users),
    ...auditHandlers(deps.auditViewer),
    ...settingsHandlers(deps.settings),
    ...hallDataHandlers(deps.unitLists, deps.holidays),
    ...intakeHandlers(deps.intake),
    ...draftsHandlers(deps.drafts),
    ...mattersHandlers(deps.matters),
    ...receiptsHandlers(deps.receipts),
    ...casesHandlers(deps.cases, deps.lists, deps.leaders),
    ...reportsHandlers(deps.statistics, deps.exports),
    ...backupHandlers(deps.backups),
    ...queueHandlers(deps.queue),
    ...retentionHandlers(deps.retention),
    ...hallMoveHandlers(deps.hallMove),
    ...hallConnectionHandlers(deps.hallConnection),
  }
}
