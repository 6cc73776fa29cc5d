import type { Kysely } from 'kysely'
import type { AppStatus, DeskLink, HallInfo } from '../../shared/app/types'
import { AppError } from '../errors'
import type { Database, Hall, User } from '../db/schema'
import { listActiveCategories } from '../db/repositories/categories'
import type { Accounts } from '../services/accounts/accounts'
import { sessionInfo } from '../services/accounts/accounts'
import type { UsersAdmin } from '../services/accounts/users-admin'
import type { AuditViewer } from '../services/audit/viewer'
import type { Drafts } from '../services/drafts/drafts'
import type { Intake } from '../services/intake/intake'
import type { Receipts } from '../services/receipts/receipts'
import type { Settings } from '../services/settings/settings'
import type { Clock } from '../clock'
import type { Exports } from '../services/reports/exports'
import type { Backups } from '../services/backup/backup'
import { statistics } from '../services/reports/statistics'
import { hallDate } from '../../shared/time'
import { parseIdNumber } from '../../shared/id-number'
import { rulesOf } from '../services/calendar/calendar'
import type { Cases } from '../services/cases/cases'
import type { CaseLists } from '../services/cases/lists'
import type { Leaders } from '../services/cases/leaders'
import type { HallData } from '../services/hall-data/hall-data'
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
  accounts: Accounts
  usersAdmin: UsersAdmin
  auditViewer: AuditViewer
  intake: Intake
  drafts: Drafts
  receipts: Receipts
  settings: Settings
  clock: Clock
  cases: Cases
  lists: CaseLists
  hallData: HallData
  leaders: Leaders
  exports: Exports
  backups: Backups
  privacy: Privacy
  matters: Matters
  queue: Queue
  retention: Retention
  /** The desk's name and its link to the hall's database (always connected on SQLite). */
  link: () => DeskLink
  /** The hall's 恢复密钥 (recovery key): setup shows it to the administrator who creates the hall. */
  recoveryKey: string
}

/** The signed-in user and the hall; the dispatcher guarantees both for non-public methods. */
function signedIn(ctx: CallContext): { user: User; hall: Hall } {
  if (ctx.user === undefined || ctx.hall === undefined) throw new AppError('UNAUTHENTICATED')
  return { user: ctx.user, hall: ctx.hall }
}

export function hallInfo(hall: Hall): HallInfo {
  const labels = JSON.parse(hall.show_labels) as string[]
  return {
    name: hall.name,
    code: hall.code,
    timeZone: hall.time_zone,
    idleLockMinutes: hall.idle_lock_minutes,
    showLabels: [labels[0] ?? '工号', labels[1] ?? '姓名', labels[2] ?? '职务'],
    receiptLayout: hall.receipt_layout,
    extensionMax: rulesOf(hall).extensionMax,
    statsMonthStartDay: hall.stats_month_start_day,
    adminReadsAudit: hall.admin_reads_audit === 1,
  }
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, accounts, intake, drafts, receipts, settings, clock, cases, lists, hallData, leaders, exports, backups } = deps
  return {
    'app.status': (ctx): Promise<AppStatus> =>
      Promise.resolve({
        setUp: ctx.hall !== undefined,
        hall: ctx.hall === undefined ? null : hallInfo(ctx.hall),
        session: ctx.user !== undefined && ctx.session !== undefined ? sessionInfo(ctx.user, ctx.session) : null,
        now: ctx.now.toISOString(),
        defaultBackupFolder: ctx.hall === undefined ? deps.backups.defaultFolder : null,
      }),
    'app.link': () => Promise.resolve(deps.link()),
    'app.setup': async (ctx, input) => ({ ...(await accounts.setup(ctx.sessionKey, input, ctx.now)), recoveryKey: deps.recoveryKey }),
    'auth.signIn': (ctx, input) => {
      if (ctx.hall === undefined) throw new AppError('SETUP_REQUIRED')
      return accounts.signIn(ctx.sessionKey, input, ctx.now, ctx.hall.time_zone)
    },
    'auth.signOut': async (ctx) => {
      await accounts.signOut(ctx.sessionKey, signedIn(ctx).user, ctx.now)
      return null
    },
    'auth.lock': async (ctx, input) => {
      await accounts.lock(ctx.sessionKey, signedIn(ctx).user, ctx.now, input.reason ?? 'manual')
      return null
    },
    'auth.unlock': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      return accounts.unlock(ctx.sessionKey, user, input.password, ctx.now, hall.time_zone)
    },
    'auth.changePassword': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      if (ctx.session?.locked === true) throw new AppError('SESSION_LOCKED')
      return accounts.changePassword(ctx.sessionKey, user, input, ctx.now, hall.time_zone)
    },
    'users.list': () => accounts.listUsers(),
    'users.create': (ctx, input) => accounts.createUser(signedIn(ctx).user, input, ctx.now),
    'users.update': (ctx, input) => deps.usersAdmin.updateUser(signedIn(ctx).user, input, ctx.now),
    'users.resetPassword': (ctx, input) => deps.usersAdmin.resetPassword(signedIn(ctx).user, input, ctx.now),
    'audit.list': (ctx, input) => deps.auditViewer.listAudit(signedIn(ctx).hall, input),
    'audit.verify': (ctx) => deps.auditViewer.verify(signedIn(ctx).user, ctx.now),
    'audit.setAdminAccess': (ctx, input) => deps.auditViewer.setAdminAccess(signedIn(ctx).user, input.allowed, ctx.now),
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
    'settings.get': () => settings.get(),
    'settings.update': (ctx, input) => settings.update(signedIn(ctx).user, input, ctx.now),
    'settings.rulesImpact': (ctx, input) => settings.rulesImpact(signedIn(ctx).hall, input.deadlineRules),
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
    'units.list': (_ctx, input) => hallData.list('units', input.includeRetired),
    'units.add': (ctx, input) => hallData.add(signedIn(ctx).user, 'units', input.name, ctx.now),
    'units.update': (ctx, input) => hallData.update(signedIn(ctx).user, 'units', input, ctx.now),
    'categories.listAll': () => hallData.list('categories', true),
    'categories.add': (ctx, input) => hallData.add(signedIn(ctx).user, 'categories', input.name, ctx.now),
    'categories.update': (ctx, input) => hallData.update(signedIn(ctx).user, 'categories', input, ctx.now),
    'holidays.list': () => hallData.holidays(),
    'holidays.put': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      const { applyToOpenCases, ...entry } = input
      return hallData.changeHolidays(user, hall, [entry], [], ctx.now, applyToOpenCases)
    },
    'holidays.remove': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      return hallData.changeHolidays(user, hall, [], [input.date], ctx.now, input.applyToOpenCases)
    },
    'holidays.import': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      return hallData.changeHolidays(user, hall, hallData.parseHolidayCsv(input.csv), [], ctx.now, input.applyToOpenCases)
    },
    'holidays.impact': (ctx, input) => {
      const put = [...input.put, ...(input.csv === undefined ? [] : hallData.parseHolidayCsv(input.csv))]
      return hallData.holidaysImpact(signedIn(ctx).hall, put, input.remove)
    },
    'leaders.record': (ctx, input) => leaders.record(signedIn(ctx).user, input, ctx.now),
    'leaders.list': () => leaders.list(),
    'reports.statistics': (ctx, input) => statistics(db, input, hallDate(ctx.now, signedIn(ctx).hall.time_zone)),
    'reports.export': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      return Promise.resolve(exports.start(ctx.sessionKey, user, hall, input.kind, { from: input.from, to: input.to }, input.format, hallDate(ctx.now, hall.time_zone), clock))
    },
    'reports.job': (ctx, input) => Promise.resolve(exports.job(ctx.sessionKey, signedIn(ctx).user, input.id)),
    'reports.saveExport': (ctx, input) => exports.save(ctx.sessionKey, signedIn(ctx).user, input.id),
    'reports.logHtml': (ctx, input) => {
      const { user, hall } = signedIn(ctx)
      return exports.html(user, hall, input, hallDate(ctx.now, hall.time_zone), ctx.now)
    },
    ...backupHandlers(backups),
    ...queueHandlers(deps.queue, db),
    ...retentionHandlers(deps.retention),
  }
}
