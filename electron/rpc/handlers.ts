import type { Kysely } from 'kysely'
import { AppError } from '../errors'
import type { Database, Hall, User } from '../db/schema'
import { listActiveCategories } from '../db/repositories/categories'
import type { App } from '../services/app/app'
import { appHandlers } from '../services/app/handlers'
import type { Auth } from '../services/accounts/auth'
import { accountsHandlers } from '../services/accounts/handlers'
import type { Setup } from '../services/accounts/setup'
import type { Users } from '../services/accounts/users'
import { auditHandlers } from '../services/audit/handlers'
import type { AuditViewer } from '../services/audit/viewer'
import type { Drafts } from '../services/drafts/drafts'
import type { Intake } from '../services/intake/intake'
import type { Receipts } from '../services/receipts/receipts'
import { settingsHandlers } from '../services/settings/handlers'
import type { Settings } from '../services/settings/settings'
import type { Clock } from '../clock'
import type { Exports } from '../services/reports/exports'
import { reportsHandlers } from '../services/reports/handlers'
import type { ReportStatistics } from '../services/reports/statistics'
import type { Backups } from '../services/backup/backup'
import { parseIdNumber } from '../../shared/id-number'
import type { Cases } from '../services/cases/cases'
import type { CaseLists } from '../services/cases/lists'
import type { Leaders } from '../services/cases/leaders'
import { hallDataHandlers } from '../services/hall-data/handlers'
import type { Holidays } from '../services/hall-data/holidays'
import type { UnitLists } from '../services/hall-data/units'
import type { Privacy } from '../services/privacy/privacy'
import type { Matters } from '../services/matters/matters'
import type { CallContext, Handlers } from './context'
import type { Queue } from '../services/queue/queue'
import { queueHandlers } from '../services/queue/handlers'
import type { Retention } from '../services/retention/retention'
import { retentionHandlers } from '../services/retention/handlers'
import { backupHandlers } from '../services/backup/handlers'

export interface HandlerDeps {
  db: Kysely<Database>
  app: App
  setup: Setup
  auth: Auth
  users: Users
  auditViewer: AuditViewer
  intake: Intake
  drafts: Drafts
  receipts: Receipts
  settings: Settings
  clock: Clock
  cases: Cases
  lists: CaseLists
  unitLists: UnitLists
  holidays: Holidays
  leaders: Leaders
  statistics: ReportStatistics
  exports: Exports
  backups: Backups
  privacy: Privacy
  matters: Matters
  queue: Queue
  retention: Retention
}

/** The signed-in user and the hall; the dispatcher guarantees both for non-public methods. */
function signedIn(ctx: CallContext): { user: User; hall: Hall } {
  if (ctx.user === undefined || ctx.hall === undefined) throw new AppError('UNAUTHENTICATED')
  return { user: ctx.user, hall: ctx.hall }
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, intake, drafts, receipts, clock, cases, lists, leaders, backups } = deps
  return {
    'categories.list': () => listActiveCategories(db),
    'intake.register': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      return intake.register(hall, user, input, ctx.now)
    },
    'intake.history': async (ctx, input) => {
      const found = await intake.history(input.idNumber, ctx.now)
      await deps.privacy.idLookup(signedIn(ctx).user, input.idNumber, 'intake.history', found.visits.length, ctx.now)
      return found
    },
    'visits.today': (ctx) => intake.today(signedIn(ctx).hall, ctx.now),
    'matters.candidates': async (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      const { idLookedUp, ...found } = await deps.matters.candidates(hall, input, ctx.now)
      // A lookup by full ID number is recorded, as intake.history's is.
      if (idLookedUp) await deps.privacy.idLookup(user, input.idNumber, 'matters.candidates', found.candidates.filter((c) => c.reasons.some((r) => r.kind === 'idNumber')).length, ctx.now)
      return found
    },
    'matters.decide': (ctx, input) => deps.matters.decide(signedIn(ctx).user, input, ctx.now),
    'drafts.get': (ctx) => drafts.get(signedIn(ctx).user.id),
    'drafts.save': (ctx, input) => drafts.save(signedIn(ctx).user.id, input.values, input.step, ctx.now),
    'drafts.discard': async (ctx) => {
      await drafts.discard(signedIn(ctx).user.id)
      return null
    },
    'receipts.preview': (ctx, input) => receipts.preview(signedIn(ctx).user, input.caseNumber, input.layout, input.document),
    // Printing takes a while: its end is timed by the clock, not by the start of the call.
    'receipts.print': (ctx, input) => receipts.print(signedIn(ctx).user, input.caseNumber, input.layout, input.printer, clock, input.document),
    'receipts.savePdf': (ctx, input) => receipts.savePdf(signedIn(ctx).user, input.caseNumber, input.layout, clock, input.document),
    'receipts.browserPrint': (ctx, input) => receipts.browserPrint(signedIn(ctx).user, input.caseNumber, input.layout, ctx.now, input.document),
    'receipts.complete': (ctx, input) => receipts.complete(signedIn(ctx).user, input.printId, ctx.now),
    'receipts.history': (_ctx, input) => receipts.history(input.caseNumber),
    'receipts.printers': () => receipts.printers(),
    'cases.get': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      return cases.get(user, hall, input.caseNumber, ctx.now)
    },
    'cases.act': async (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      await cases.act(user, hall, input.caseNumber, input.step, ctx.now)
      return cases.get(user, hall, input.caseNumber, ctx.now)
    },
    'cases.revealIdentity': (ctx, input) => {
      const { user } = signedIn(ctx)
      return cases.revealIdentity(user, input.caseNumber, (trx) => deps.privacy.reveal(trx, user, input.caseNumber, input.reason, ctx.now))
    },
    'cases.supervision': (ctx, input) => lists.supervision(signedIn(ctx).hall, input, ctx.now),
    'cases.search': async (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      const found = await lists.search(hall, input.query, input.by, ctx.now)
      // A lookup by a full ID number is audited; a name with its last digits is not a full number.
      if (found.by === 'idNumber' && parseIdNumber(input.query).ok) await deps.privacy.idLookup(user, input.query, 'cases.search', found.rows.length, ctx.now)
      return found
    },
    'leaders.record': (ctx, input) => leaders.record(signedIn(ctx).user, input, ctx.now),
    'leaders.list': () => leaders.list(),
    ...appHandlers(deps.app),
    ...accountsHandlers(deps.setup, deps.auth, deps.users),
    ...auditHandlers(deps.auditViewer),
    ...settingsHandlers(deps.settings),
    ...hallDataHandlers(deps.unitLists, deps.holidays),
    ...reportsHandlers(deps.statistics, deps.exports),
    ...backupHandlers(backups),
    ...queueHandlers(deps.queue, db),
    ...retentionHandlers(deps.retention),
  }
}
