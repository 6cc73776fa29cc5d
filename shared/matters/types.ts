import type { CaseStatus } from '../cases/machine'

/** Why an earlier case is offered as the same matter. */
export type MatterReason =
  | { kind: 'idNumber' }
  | { kind: 'namePhone' }
  | { kind: 'nameAddress' }
  /** The visitor (or one of this group's representatives) represented an earlier group visit. */
  | { kind: 'representative'; name: string }
  /** 事实真相 and 诉求与理由 overlap: the similarity in whole percent. */
  | { kind: 'text'; similarity: number }

/** An earlier case that may be the same matter, for the receptionist to confirm or reject. */
export interface MatterCandidate {
  caseNumber: string
  registeredAt: string
  visitorName: string
  maskedIdNumber: string
  category: string
  status: CaseStatus
  unit: string | null
  /** The main clock's due day; null when the case is finished or paused. */
  dueDate: string | null
  /** 不再受理: the matter has been through 复核. */
  noFurtherAcceptance: boolean
  /** The day of the 复核 opinion, when there is one. */
  recheckedOn: string | null
  demands: string
  /** Visits recorded on this matter after its first (repeat visits). */
  repeatVisits: number
  reasons: MatterReason[]
  score: number
  /** Whether the receptionist has confirmed it for this reception. */
  confirmed: boolean
}

export interface MatterCandidates {
  candidates: MatterCandidate[]
  /** The hall's threshold of 诉求相似, in percent. */
  threshold: number
  /** Whether the text was compared (a category chosen and enough text). */
  textCompared: boolean
}
