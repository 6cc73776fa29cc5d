import { SATISFACTION, type Satisfaction } from '../cases/machine'

/** The kinds of queue ticket (DESIGN §7): 个人访 A, 集体访 B (with 人数), 预约 C, 绿色通道 (priority). */
export const TICKET_KINDS = ['individual', 'group', 'appointment', 'priority'] as const
export type TicketKind = (typeof TICKET_KINDS)[number]

/** The letter a kind's numbers start with: A012 is the twelfth 个人访 ticket of the hall day. */
export const TICKET_PREFIX: Record<TicketKind, string> = {
  individual: 'A',
  group: 'B',
  appointment: 'C',
  // 绿色通道: G for green, as the halls' signs call it.
  priority: 'G',
}

/**
 * A ticket's life: waiting → called (a desk serves it) → served (登记 linked a case), or
 * called → skipped (过号; may come back within the hall's minutes) → waiting again.
 */
export const TICKET_STATUSES = ['waiting', 'called', 'skipped', 'served'] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]

/** What a desk did with a ticket; the hall screen shows the calls and recalls. */
export const QUEUE_ACTIONS = ['call', 'recall', 'skip', 'return', 'transfer', 'serve'] as const
export type QueueAction = (typeof QUEUE_ACTIONS)[number]

/** Where a ticket was taken: the guide desk, the self-service kiosk, or a desk issuing its own. */
export const TICKET_SOURCES = ['guide', 'kiosk', 'desk'] as const
export type TicketSource = (typeof TICKET_SOURCES)[number]

/** The visitor's rating on the visitor-facing view (评价器): the same three words as the later 回访. */
export const ONSITE_RATINGS = SATISFACTION
export type OnsiteRating = Satisfaction

/** How the hall screen announces a call: a Chinese voice where the system has one, else a chime. */
export const VOICE_MODES = ['auto', 'chime'] as const
export type VoiceMode = (typeof VOICE_MODES)[number]

/** A kind's numbers run to 999 a day (three digits on the ticket and the screen). */
export const MAX_TICKETS_PER_KIND = 999

/** Windows are numbered 1–99 (请 A012 号 到 3号窗口). */
export const MAX_WINDOW = 99

/** The hall's queue settings with their defaults. */
export const QUEUE_DEFAULTS = {
  /** At most this many 绿色通道 calls in a row while others wait. */
  priorityCap: 3,
  /** A skipped (过号) ticket may come back within this many minutes. */
  skipReturnMinutes: 30,
  /** Minutes per visitor for the estimated wait before today has served anyone. */
  serviceMinutes: 15,
  voice: 'auto' as VoiceMode,
} as const

/** The ticket number as printed and called: prefix and three digits, e.g. A012. */
export function formatTicketNumber(kind: TicketKind, seq: number): string {
  return `${TICKET_PREFIX[kind]}${String(seq).padStart(3, '0')}`
}
