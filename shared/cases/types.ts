import type { CaseStatus } from './machine'
import type { AnswerKey, AnswerMark, NoticeKind, Routing, VisitKind } from '../domain'
import type { PrintRecord } from '../receipts/types'
import type { MaskedRepresentative } from '../intake/representatives'

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
  status: CaseStatus
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
  /** ID numbers and phones masked, as the visitor's. */
  representatives: MaskedRepresentative[]
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
  otherVisits: { caseNumber: string; registeredAt: string; category: string; status: CaseStatus }[]
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
  status: CaseStatus
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

export interface LeaderReception {
  id: number
  day: string
  leaderName: string
  leaderTitle: string
  note: string
  caseNumbers: string[]
}

/** What a search looks in: 'auto' guesses from the query's shape. */
export const SEARCH_BYS = ['auto', 'caseNumber', 'name', 'idNumber', 'phone', 'text'] as const
export type SearchBy = (typeof SEARCH_BYS)[number]

export interface SearchResult {
  /** What the search looked in: the guess, for 'auto'. */
  by: Exclude<SearchBy, 'auto'>
  rows: CaseListRow[]
}
