import type { CaseStatus as CaseStatusName } from '../cases/machine'
import type { DeadlineRules } from '../deadlines/rules'
import type { AnswerKey, AnswerMark, NoticeKind, PrintDocument, PrintTarget, ReceiptLayout, Role, Routing, VisitKind } from '../domain'

export interface SessionInfo {
  userId: number
  badgeNo: string
  name: string
  position: string
  role: Role
  mustChangePassword: boolean
  locked: boolean
}

export interface HallInfo {
  name: string
  code: string
  timeZone: string
  idleLockMinutes: number
  /** The three things a receptionist shows (三亮); default 工号 / 姓名 / 职务. */
  showLabels: [string, string, string]
  receiptLayout: ReceiptLayout
  /** The longest extension (延期) the hall allows, in days. */
  extensionMax: number
  /** The statistical month starts on this day (1, or e.g. 21 for the 21st to the 20th). */
  statsMonthStartDay: number
  /** The auditor lets the administrator read the audit trail (三员分立: off unless allowed). */
  adminReadsAudit: boolean
}

/** The hall settings an administrator edits. */
export interface HallSettings {
  name: string
  code: string
  address: string
  phone: string
  receiptLayout: ReceiptLayout
  receiptPrinter: string | null
  idleLockMinutes: number
  deadlineRules: DeadlineRules
  backupFolder: string | null
  backupKeepDays: number
  showLabels: [string, string, string]
  statsMonthStartDay: number
  /** 同一事项: the 诉求相似 threshold in percent, and the days a closed case is still compared. */
  matterSimilarity: number
  matterRecentDays: number
  /** Estimated national holiday years the administrator should check against the official notice. */
  estimatedHolidayYears: number[]
}

export interface AppStatus {
  setUp: boolean
  hall: HallInfo | null
  session: SessionInfo | null
  /** The main side's clock, so the renderer can show the hall's day. */
  now: string
  /** Before setup: the backup folder setup offers (beside the data folder). */
  defaultBackupFolder: string | null
}

/** The desk and its link to the hall's database (header). */
export interface DeskLink {
  /** The desk's name, e.g. 3号窗口 (--desk-name; the computer's name by default). */
  desk: string
  /** sqlite: a single desk's own file; postgres: the hall's shared database. */
  engine: 'sqlite' | 'postgres'
  /** Always connected on SQLite. */
  state: 'connected' | 'reconnecting'
}

export interface UserRow {
  id: number
  badgeNo: string
  name: string
  position: string
  role: Role
  disabled: boolean
  mustChangePassword: boolean
  createdAt: string
}

export interface Category {
  id: number
  name: string
}

export interface RegisterResult {
  caseNumber: string
  visitId: number
  registeredAt: string
}

/** One earlier visit of the same person, shown as soon as a valid ID number is typed. */
export interface PriorVisit {
  caseNumber: string
  registeredAt: string
  category: string
  routing: Routing
  /** The latest visit's answers, offered as starting text; null on the older ones. */
  answers: Record<AnswerKey, { text: string; mark: AnswerMark | null; reason: string }> | null
}

export interface VisitorHistory {
  visitor: {
    name: string
    birthDate: string | null
    sex: 'male' | 'female' | null
    /** The last phone and address the visitor gave ('' when none ever was). */
    phone: string
    address: string
  } | null
  visits: PriorVisit[]
}

export interface TodayLogRow {
  caseNumber: string
  registeredAt: string
  visitorName: string
  maskedIdNumber: string
  kind: VisitKind
  headcount: number
  category: string
  routing: Routing
  receptionist: string
  receptionistId: number
}

export interface Draft {
  values: unknown
  step: number
  updatedAt: string
}

export interface ReceiptPreview {
  html: string
  layout: ReceiptLayout
  /** The copy number the next print gets: above 1 it is a reprint (补打). */
  nextCopyNo: number
  /** False for a receptionist once the receipt is printed: 补打 is the duty officer's. */
  mayPrint: boolean
  /** Whether the main side prints itself (Electron) or the browser's dialog does. */
  direct: boolean
  defaultPrinter: string | null
}

export interface PrintRecord {
  id: number
  copyNo: number
  target: PrintTarget
  printer: string | null
  layout: ReceiptLayout
  status: 'pending' | 'succeeded' | 'failed'
  failureReason: string | null
  requestedAt: string
  completedAt: string | null
  userName: string
  /** 'receipt' (回执) or the notice (告知书) printed. */
  document: PrintDocument
}

export interface BrowserPrint {
  printId: number
  copyNo: number
  html: string
}

export interface PrinterList {
  direct: boolean
  printers: { name: string; displayName: string; isDefault: boolean }[]
}

export interface CaseEventView {
  id: number
  at: string
  action: string
  fromStatus: string | null
  toStatus: string | null
  note: string
  data: Record<string, unknown>
  userName: string
}

export interface CaseClockView {
  key: string
  start: string
  due: string | null
  paused: boolean
  doneOn: string | null
  visitorSide: boolean
  /** Calendar days from today to due; negative when overdue; null when done or paused. */
  daysLeft: number | null
}

export interface CaseDetail {
  caseNumber: string
  status: CaseStatusName
  routing: Routing
  registeredAt: string
  visitor: {
    name: string
    maskedIdNumber: string
    noIdReason: string | null
    birthDate: string | null
    sex: 'male' | 'female' | null
    maskedPhone: string
    address: string
  }
  kind: VisitKind
  headcount: number
  representatives: string[]
  answers: Record<AnswerKey, { text: string; mark: AnswerMark | null; reason: string }>
  category: string
  unit: string | null
  routingBody: string | null
  routingReason: string | null
  /** How to reach the competent body (不予受理, 转送). */
  routingContact: string | null
  leaderName: string | null
  result: string | null
  satisfaction: string | null
  noFurtherAcceptance: boolean
  extensionDays: number | null
  paused: boolean
  receptionist: { badgeNo: string; name: string; position: string }
  showsConfirmedAt: string
  clocks: CaseClockView[]
  events: CaseEventView[]
  prints: PrintRecord[]
  /** Other visits of the same person, newest first. */
  otherVisits: { caseNumber: string; registeredAt: string; category: string; status: CaseStatusName }[]
  linkedCaseNumber: string | null
  /** 同一事项: the matter's first case, when this visit was confirmed as a repeat visit on it. */
  matterCaseNumber: string | null
  /** Later visits confirmed as the same matter as this case. */
  repeatVisits: number
  /** The steps the signed-in user may take now. */
  actions: string[]
  leaderReceptions: { day: string; leaderName: string }[]
  /** The notices (告知书) the case can be given, and the one that fits the step just taken. */
  notices: { suggested: NoticeKind | null; available: NoticeKind[] }
}

/** A case as it appears in lists (督办, search): the ID number masked. */
export interface CaseListRow {
  caseNumber: string
  registeredAt: string
  visitorName: string
  maskedIdNumber: string
  category: string
  unit: string | null
  status: CaseStatusName
  dueDate: string | null
  daysLeft: number | null
  paused: boolean
  extended: boolean
  leaderName: string | null
  /** Search only: why the case was found (search.match.* in the catalogue). */
  match?: SearchMatch
  /** Later visits confirmed as the same matter (issue #16). */
  repeatVisits: number
}

/**
 * Why a search found a case, best first: the results are ranked in this order (exact case
 * number, then ID number, phone, name, text), newest first within each.
 */
export const SEARCH_MATCHES = [
  'caseNumber',
  'caseNumberPart',
  'idNumber',
  'idTailAndName',
  'phone',
  'phoneTail',
  'name',
  'representative',
  'category',
  'text',
] as const
export type SearchMatch = (typeof SEARCH_MATCHES)[number]

export interface SupervisionView {
  today: string
  counts: { overdue: number; dueSoon: number; extended: number; paused: number; open: number; withRepeats: number }
  rows: CaseListRow[]
  /** 一日工作法: today's open cases with no handling plan recorded today. */
  withoutPlan: CaseListRow[]
}

export interface UnitRow {
  id: number
  name: string
  retired: boolean
}

/** What a change of the deadline rules or holidays would do: open cases, and those whose due dates move. */
export interface RulesImpact {
  openCases: number
  moved: number
}

export interface HolidayRow {
  date: string
  kind: 'holiday' | 'workday'
  name: string
}

export interface LeaderReception {
  id: number
  day: string
  leaderName: string
  leaderTitle: string
  note: string
  caseNumbers: string[]
}

export interface SearchResult {
  by: 'caseNumber' | 'name' | 'idNumber' | 'phone' | 'text'
  rows: CaseListRow[]
}

/** A share with what it counts: the page and the exports show the same three numbers. */
export interface Rate {
  numerator: number
  denominator: number
  /** null when there is nothing to count. */
  value: number | null
}

export interface CountRow {
  name: string
  batches: number
  persons: number
}

/** The hall's numbers for a period (DESIGN §4), today included. */
export interface Statistics {
  from: string
  to: string
  batches: number
  persons: number
  byDay: { day: string; batches: number; persons: number }[]
  byCategory: CountRow[]
  byUnit: CountRow[]
  byReceptionist: CountRow[]
  timelyAcceptance: Rate
  onTimeClosing: Rate
  satisfaction: Rate & { satisfied: number; basicallySatisfied: number; unsatisfied: number }
  sameDay: Rate
  /** Per person: registrations whose visitor had visited before. */
  repeatVisits: number
  /** Per matter: registrations confirmed as the same matter as an earlier case, and the matters they were on. */
  repeatVisitsByMatter: number
  repeatMatters: number
}

export interface ExportJob {
  id: string
  progress: number
  status: 'running' | 'done' | 'failed'
  fileName: string
  error: string | null
  /** Electron saves through a dialog; the browser host downloads from this address. */
  download: string | null
}

/** One row of the audit trail as the viewer shows it. */
export interface AuditEntryView {
  id: number
  at: string
  userId: number | null
  userName: string | null
  userBadgeNo: string | null
  action: string
  entity: string | null
  entityId: string | null
  /** The JSON text exactly as stored (and hashed). */
  detail: string
}

/** One page of the audit trail, newest first, with the total under the same filters. */
export interface AuditPage {
  rows: AuditEntryView[]
  total: number
  /** Every action name the trail holds, for the filter. */
  actions: string[]
  /** Everyone the trail names, for the filter (the auditor cannot list users otherwise). */
  users: { id: number; name: string; badgeNo: string }[]
}

/** The result of 校验: whether the hash chain holds, and where it first breaks. */
export interface AuditVerifyResult {
  ok: boolean
  /** Rows checked, up to and including the first broken one. */
  checked: number
  firstBrokenId: number | null
  /** Rows missing from the end since the anchor the last 校验 recorded (at `anchoredAt`); null when none are. */
  cutAtEnd: { rows: number; anchoredAt: string } | null
}

export interface BackupStatus {
  folder: string | null
  keepDays: number
  last: { at: string; path: string } | null
  /** No successful backup within the last day. */
  stale: boolean
}

export interface BackupFile {
  path: string
  fileName: string
  createdAt: string
  schemaVersion: number | null
  sizeBytes: number
  hashMatches: boolean | null
}
