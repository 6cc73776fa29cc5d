import type { AnswerKey, AnswerMark, Routing, VisitKind } from '../domain'

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
  /** The desk that registered it (--desk-name, e.g. 3号窗口); null for visits from before desks had names. */
  desk: string | null
}

export interface Draft {
  values: unknown
  step: number
  updatedAt: string
}
