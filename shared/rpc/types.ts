import type { AnswerKey, AnswerMark, PrintTarget, ReceiptLayout, Role, Routing, VisitKind } from '../domain'

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
}

export interface AppStatus {
  setUp: boolean
  hall: HallInfo | null
  session: SessionInfo | null
  /** The main side's clock, so the renderer can show the hall's day. */
  now: string
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
  answers: Record<AnswerKey, { text: string; mark: AnswerMark | null; reason: string }>
}

export interface VisitorHistory {
  visitor: { name: string; birthDate: string | null; sex: 'male' | 'female' | null } | null
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
