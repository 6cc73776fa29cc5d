import { z } from 'zod'
import type { Role } from '../domain'
import { method, none } from './method'
import { queueContract } from '../queue/contract'
import { retentionContract } from '../retention/contract'
import { CASE_ROLES } from '../domain'
import { changePasswordSchema, createUserSchema, resetPasswordSchema, setupSchema, signInSchema, lockSchema, unlockSchema, updateUserSchema } from '../accounts/schemas'
import { idLookupSchema } from '../intake/schemas'
import { auditListSchema } from '../audit/schemas'
import { matterCandidatesSchema, matterDecisionSchema } from '../matters/schemas'
import type { MatterCandidates } from '../matters/types'
import { draftSchema, intakeSchema } from '../intake/schemas'
import { caseNumberSchema } from '../cases/schemas'
import { completePrintSchema, printRequestSchema, receiptRequestSchema } from '../receipts/schemas'
import { hallSettingsSchema, rulesImpactSchema } from '../settings/schemas'
import { caseActSchema, leaderReceptionSchema, revealSchema, searchSchema, supervisionSchema } from '../cases/schemas'
import { categoryUpdateSchema, holidayImportSchema, holidayRemoveSchema, holidaySchema, holidaysImpactSchema, unitNameSchema, unitUpdateSchema } from '../hall-data/schemas'
import { exportSchema, jobSchema, periodSchema } from '../reports/schemas'
import type { SessionInfo, UserRow } from '../accounts/types'
import type { AppStatus, DeskLink } from '../app/types'
import type { AuditPage, AuditVerifyResult } from '../audit/types'
import type { BackupFile, BackupStatus } from '../backup/types'
import type { CaseDetail, LeaderReception, SearchResult, SupervisionView } from '../cases/types'
import type { HolidayRow, UnitRow } from '../hall-data/types'
import type { Category, Draft, RegisterResult, TodayLogRow, VisitorHistory } from '../intake/types'
import type { BrowserPrint, PrintRecord, PrinterList, ReceiptPreview } from '../receipts/types'
import type { ExportJob, Statistics } from '../reports/types'
import type { HallSettings, RulesImpact } from '../settings/types'

export type { Access, MethodSpec } from './method'

// The auditor (审计员) works with the audit trail only, never with cases or visitors.
const everyone = CASE_ROLES
const auditors = ['auditor'] as const satisfies readonly Role[]
const admins = ['admin'] as const satisfies readonly Role[]
const officers = ['duty_officer', 'admin'] as const satisfies readonly Role[]

/** The one RPC contract: method name to input schema, access rule and result type. */
export const contract = {
  'app.status': method<AppStatus>()(none, 'public'),
  // The desk's name and its link to the hall's database, for the header: never reads the database.
  'app.link': method<DeskLink>()(none, 'public', { desk: true }),
  'app.setup': method<SessionInfo>()(setupSchema, 'public'),
  'auth.signIn': method<SessionInfo>()(signInSchema, 'public'),
  'auth.signOut': method<null>()(none, 'session'),
  'auth.lock': method<null>()(lockSchema, 'session'),
  'auth.unlock': method<SessionInfo>()(unlockSchema, 'session'),
  'auth.changePassword': method<SessionInfo>()(changePasswordSchema, 'session'),
  'users.list': method<UserRow[]>()(none, admins),
  'users.create': method<UserRow>()(createUserSchema, admins),
  'users.update': method<UserRow>()(updateUserSchema, admins),
  'users.resetPassword': method<UserRow>()(resetPasswordSchema, admins),
  'audit.list': method<AuditPage>()(auditListSchema, auditors, { auditTrail: true }),
  'audit.verify': method<AuditVerifyResult>()(none, auditors, { auditTrail: true }),
  // Only the auditor opens the trail to the administrator (三员分立): never the admin themselves.
  'audit.setAdminAccess': method<{ adminReadsAudit: boolean }>()(z.strictObject({ allowed: z.boolean('v.boolean') }), auditors),
  'categories.list': method<Category[]>()(none, everyone),
  'intake.register': method<RegisterResult>()(intakeSchema, everyone),
  'intake.history': method<VisitorHistory>()(idLookupSchema, everyone),
  'visits.today': method<TodayLogRow[]>()(none, everyone),
  // 同一事项 (issue #16): earlier cases that may be the same matter, and the receptionist's decision on one.
  'matters.candidates': method<MatterCandidates>()(matterCandidatesSchema, everyone),
  'matters.decide': method<null>()(matterDecisionSchema, everyone),
  'drafts.get': method<Draft | null>()(none, everyone, { desk: true }),
  'drafts.save': method<{ updatedAt: string }>()(draftSchema, everyone, { desk: true }),
  'drafts.discard': method<null>()(none, everyone, { desk: true }),
  // Receptionists reach their own fresh cases only; the service checks which case.
  'receipts.preview': method<ReceiptPreview>()(receiptRequestSchema, everyone),
  'receipts.print': method<PrintRecord>()(printRequestSchema, everyone),
  'receipts.savePdf': method<PrintRecord | null>()(receiptRequestSchema, everyone),
  'receipts.browserPrint': method<BrowserPrint>()(receiptRequestSchema, everyone),
  'receipts.complete': method<PrintRecord>()(completePrintSchema, everyone),
  'receipts.history': method<PrintRecord[]>()(receiptRequestSchema, officers),
  'receipts.printers': method<PrinterList>()(none, everyone),
  'settings.get': method<HallSettings>()(none, admins),
  'settings.update': method<HallSettings>()(hallSettingsSchema, admins),
  // How many open cases a change of the rules would move (the settings page asks before saving).
  'settings.rulesImpact': method<RulesImpact>()(rulesImpactSchema, admins),
  'cases.get': method<CaseDetail>()(z.strictObject({ caseNumber: caseNumberSchema }), everyone),
  // Each step names its own roles (shared/cases/machine.ts); the service checks them.
  'cases.act': method<CaseDetail>()(caseActSchema, everyone),
  // The reason is kept in the audit trail (PIPL): who saw the full ID number and phone, and why.
  'cases.revealIdentity': method<{ idNumber: string | null; phone: string | null }>()(revealSchema, officers),
  'cases.supervision': method<SupervisionView>()(supervisionSchema, everyone),
  'cases.search': method<SearchResult>()(searchSchema, everyone),
  'units.list': method<UnitRow[]>()(z.strictObject({ includeRetired: z.boolean('v.boolean') }), everyone),
  'units.add': method<UnitRow>()(unitNameSchema, admins),
  'units.update': method<UnitRow>()(unitUpdateSchema, admins),
  'categories.listAll': method<UnitRow[]>()(none, admins),
  'categories.add': method<UnitRow>()(unitNameSchema, admins),
  'categories.update': method<UnitRow>()(categoryUpdateSchema, admins),
  'holidays.list': method<HolidayRow[]>()(none, everyone),
  'holidays.put': method<HolidayRow[]>()(holidaySchema, admins),
  'holidays.remove': method<HolidayRow[]>()(holidayRemoveSchema, admins),
  'holidays.import': method<HolidayRow[]>()(holidayImportSchema, admins),
  'holidays.impact': method<RulesImpact>()(holidaysImpactSchema, admins),
  'leaders.record': method<LeaderReception>()(leaderReceptionSchema, officers),
  'leaders.list': method<LeaderReception[]>()(none, everyone),
  'reports.statistics': method<Statistics>()(periodSchema, officers),
  'reports.export': method<ExportJob>()(exportSchema, admins),
  'reports.job': method<ExportJob>()(jobSchema, admins),
  'reports.saveExport': method<{ path: string } | null>()(jobSchema, admins),
  'backup.status': method<BackupStatus>()(none, admins),
  'backup.now': method<BackupFile>()(none, admins),
  'backup.list': method<BackupFile[]>()(none, admins),
  // Replaces the running core: every session ends, the renderer signs in again.
  'backup.restore': method<null>()(z.strictObject({ path: z.string('v.text').min(1, 'v.required').max(1000, 'v.tooLong') }), admins),
  'reports.logHtml': method<{ html: string; fileName: string }>()(periodSchema, admins),
  ...queueContract,
  ...retentionContract,
} as const

export type Contract = typeof contract
export type MethodName = keyof Contract
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type MethodParsed<M extends MethodName> = z.output<Contract[M]['input']>
export type MethodOutput<M extends MethodName> = NonNullable<Contract[M]['output']> extends never
  ? null
  : Exclude<Contract[M]['output'], undefined>

/** Whether a string names a method of the contract. */
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name)
}
