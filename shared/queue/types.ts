import type { OnsiteRating, QueueAction, TicketKind, TicketSource, TicketStatus } from './domain'
import type { QueueSettings } from './schemas'

/** One ticket as desks see it: never a name, the queue knows none. */
export interface Ticket {
  id: number
  number: string
  kind: TicketKind
  headcount: number
  status: TicketStatus
  source: TicketSource
  issuedAt: string
  calledAt: string | null
  window: number | null
  /** After 转窗口: the window it waits for. */
  targetWindow: number | null
  skippedAt: string | null
  caseNumber: string | null
}

/** What 取号 hands back, and what the ticket prints. */
export interface IssuedTicket {
  ticket: Ticket
  hallName: string
  ahead: number
  estimatedMinutes: number
  /** The ticket for the 80 mm printer (the receipt renderer's fonts), one self-contained page. */
  html: string
}

/** A call on the hall screen: 请 A012 号 到 3号窗口. */
export interface CallShown {
  callId: number
  number: string
  kind: TicketKind
  window: number
  action: Extract<QueueAction, 'call' | 'recall'>
  at: string
}

export type WaitingCounts = Record<TicketKind, number>

/** The hall screen (大屏): numbers and windows only, public behind the host's token. */
export interface QueueBoard {
  hallName: string
  hallDay: string
  /** The latest call per window, newest first. */
  current: CallShown[]
  /** The latest calls and recalls, newest first. */
  recent: CallShown[]
  waiting: WaitingCounts
  estimatedMinutes: number
  voice: QueueSettings['voice']
  now: string
}

/** A desk's queue panel: the counts, the ticket it serves, and the skipped tickets that may come back. */
export interface DeskQueue {
  waiting: WaitingCounts
  serving: Ticket | null
  skipped: Ticket[]
  /** Waiting tickets in the order they will be called (the guide desk's and duty officer's view). */
  queue: Ticket[]
  settings: QueueSettings
}

/** Waiting (取号 → 叫号) and service (叫号 → 登记) times, in minutes, and the counts of one group. */
export interface QueueTimes {
  /** The window number, the kind, or the hall day (YYYY-MM-DD). */
  key: string
  /** 取号 */
  tickets: number
  /** 叫号: 叫下一位 and 指定叫号, a ticket come back after 过号 counted again. */
  calls: number
  /** 过号 */
  skipped: number
  /** 登记 from a ticket. */
  served: number
  avgWaitMinutes: number | null
  medianWaitMinutes: number | null
  avgServiceMinutes: number | null
  medianServiceMinutes: number | null
}

export interface RatingCounts {
  satisfied: number
  basically_satisfied: number
  unsatisfied: number
  /** Share rated 满意 (the KPI's 满意率), or null with no ratings. */
  rate: number | null
}

export interface QueueStatistics {
  from: string
  to: string
  byWindow: QueueTimes[]
  byKind: QueueTimes[]
  byDay: QueueTimes[]
  onsite: RatingCounts
  followUp: RatingCounts
}

export interface OnsiteRatingResult {
  caseNumber: string
  rating: OnsiteRating
  ratedAt: string
}
