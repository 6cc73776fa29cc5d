// One file: Kysely types the whole database as one `Database` interface, and every table's row
// types beside it are what the repositories and migrations check against (about 400 lines).
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { HallDay, IsoDay } from '../../shared/days'
import type { CaseAction, CaseStatus, Satisfaction } from '../../shared/cases/machine'
import type { QueueAction, TicketKind, TicketSource, TicketStatus, VoiceMode } from '../../shared/queue/domain'
import type { AnswerMark, PrintDocument, PrintTarget, ReceiptLayout, Role, Routing, VisitKind } from '../../shared/domain'

export interface HallTable {
  id: number
  name: string
  code: string
  time_zone: string
  idle_lock_minutes: number
  /** JSON array of the three show labels. */
  show_labels: string
  created_at: string
  address: Generated<string>
  phone: Generated<string>
  receipt_layout: Generated<ReceiptLayout>
  receipt_printer: string | null
  deadline_rules: Generated<string>
  stats_month_start_day: Generated<number>
  backup_folder: string | null
  backup_keep_days: Generated<number>
  /** 1 while the auditor lets the administrator read the audit trail. */
  admin_reads_audit: Generated<number>
  /** Months a closed case keeps its visitor's personal data. */
  retention_months: Generated<number>
  /** 诉求相似: the similarity (percent) from which an earlier case is offered as the same matter. */
  matter_similarity: Generated<number>
  /** Days a closed case is still compared by its text. */
  matter_recent_days: Generated<number>
  /** The queue (migration 0014): at most this many 绿色通道 calls in a row while others wait. */
  queue_priority_cap: Generated<number>
  /** A skipped (过号) ticket may come back within this many minutes. */
  queue_skip_return_minutes: Generated<number>
  /** Minutes per visitor for the estimated wait before today has a figure of its own. */
  queue_service_minutes: Generated<number>
  queue_voice: Generated<VoiceMode>
}

export interface UserTable {
  id: Generated<number>
  badge_no: string
  name: string
  position: string
  role: Role
  password_hash: string
  must_change_password: number
  failed_attempts: number
  locked_until: string | null
  disabled: number
  created_at: string
  updated_at: string
}

export interface CategoryTable {
  id: Generated<number>
  name: string
  sort_order: number
  retired: number
}

export interface VisitorTable {
  id: Generated<number>
  id_number: string | null
  name: string
  birth_date: string | null
  sex: 'male' | 'female' | null
  phone: string | null
  address: string
  created_at: string
  updated_at: string
}

export interface VisitTable {
  id: Generated<number>
  case_number: string
  hall_day: HallDay
  day_seq: number
  visitor_id: number
  visitor_name: string
  visitor_phone: string | null
  visitor_address: string
  no_id_reason: string | null
  kind: VisitKind
  headcount: number
  /** JSON array of names. */
  representatives: string
  category_id: number
  routing: Routing
  facts: string
  facts_mark: AnswerMark | null
  facts_reason: string | null
  demands: string
  demands_mark: AnswerMark | null
  demands_reason: string | null
  difficulties: string
  difficulties_mark: AnswerMark | null
  difficulties_reason: string | null
  history: string
  history_mark: AnswerMark | null
  history_reason: string | null
  prior_handling: string
  prior_handling_mark: AnswerMark | null
  prior_handling_reason: string | null
  receptionist_id: number
  /** The three values shown to the visitor (三亮), as they were at the time. */
  shown_badge_no: string
  shown_name: string
  shown_position: string
  shows_confirmed_at: string
  registered_at: string
  routing_body: string | null
  routing_reason: string | null
  status: CaseStatus
  unit_id: number | null
  leader_name: string | null
  linked_visit_id: number | null
  /** The hall-local day the main clock started (acceptance or assignment). */
  clock_start: string
  /** The main clock's due day, kept current on every step; null while paused or finished. */
  due_date: string | null
  clock_paused: number
  extension_days: number | null
  closed_at: string | null
  result: string | null
  satisfaction: Satisfaction | null
  no_further_acceptance: number
  /** The written notice's deadline and the day it was met (hall-local days). */
  notice_due: string | null
  notice_day: string | null
  /** The day the case was closed, and the handling deadline it had then. */
  closed_day: string | null
  closed_due_date: string | null
  /** 1 when the visitor (by ID number) had visited before this visit. */
  repeat_visit: Generated<number>
  /** When the visitor's personal data was purged after the retention period. */
  personal_purged_at: Generated<string | null>
  /** The deadline regime the case was pinned to when the rules or holidays changed; null: the hall's current ones (0011). */
  regime_id: Generated<number | null>
  /** How to reach the competent body of a 不予受理 or 转送 (0011). */
  routing_contact: Generated<string | null>
  /** The matter's first case, when a receptionist confirmed this visit as a repeat visit on it (0013). */
  matter_visit_id: Generated<number | null>
  /** The desk that registered it, e.g. 3号窗口 (migration 0009); null before, or for a desk without a name. */
  desk: Generated<string | null>
  /** The form's idempotency key: a retry of 登记 with it returns this case (migration 0009). */
  idempotency_key: Generated<string | null>
}

export interface UnitTable {
  id: Generated<number>
  name: string
  sort_order: number
  retired: number
}

export interface CaseEventTable {
  id: Generated<number>
  visit_id: number
  at: string
  day: string
  user_id: number
  /** 'repeatVisit': a later visit confirmed as the same matter (0013); it moves no clock. */
  action: CaseAction | 'register' | 'repeatVisit'
  from_status: CaseStatus | null
  to_status: CaseStatus | null
  note: string
  data: string
}

export interface LeaderReceptionTable {
  id: Generated<number>
  day: string
  leader_name: string
  leader_title: string
  note: string
  created_by: number
  created_at: string
}

export interface LeaderReceptionCaseTable {
  reception_id: number
  visit_id: number
}

export interface HolidayTable {
  date: string
  kind: 'holiday' | 'workday'
  name: string
}

export interface ReceiptPrintTable {
  id: Generated<number>
  visit_id: number
  copy_no: number
  target: PrintTarget
  printer: string | null
  layout: ReceiptLayout
  user_id: number
  requested_at: string
  status: 'pending' | 'succeeded' | 'failed'
  failure_reason: string | null
  completed_at: string | null
  /** 'receipt' (回执) or the 告知书 kind (migration 0007). */
  document: Generated<PrintDocument>
  /** The desk that printed (migration 0009). */
  desk: Generated<string | null>
}

export interface CaseSequenceTable {
  hall_day: HallDay
  last_seq: number
}

export interface DraftTable {
  user_id: number
  payload: string
  step: number
  updated_at: string
}

export interface AuditTable {
  id: Generated<number>
  at: string
  user_id: number | null
  action: string
  entity: string | null
  entity_id: string | null
  /** JSON; never an ID number or grievance text. */
  detail: string
  prev_hash: string
  hash: string
  /** 1: the hash is an HMAC under the hall's audit key; 0: a plain SHA-256 (rows before 0008). */
  keyed: Generated<number>
  /** The desk that wrote the row (migration 0009); not part of the hash. */
  desk: Generated<string | null>
}

/**
 * PostgreSQL only: the search index (see migrations/postgres/0003-cases.ts). SQLite keeps the
 * same pairs in the FTS5 table visit_search (rowid = visit id), reached through raw SQL.
 */
export interface VisitSearchTable {
  visit_id: number
  name: string
  answers: string
}

export interface DeadlineRegimeTable {
  id: number
  /** JSON DeadlineRules. */
  rules: string
  /** JSON HolidayEntry[]. */
  holidays: string
  replaced_at: string
}

/** The chain's end as 校验 found it, signed with the audit key (migration 0012). */
export interface AuditAnchorTable {
  id: Generated<number>
  at: string
  last_id: number
  row_count: number
  last_hash: string
  mac: string
}

export interface MatterDocTable {
  /** category_id · 2³² + visit_id (matterDocKey): a category's cases lie together in a SQLite file (0015). */
  doc_key: number
  visit_id: number
  category_id: number
  /** How many distinct pairs the case's text has (shared/matters/similarity). */
  terms: number
  closed_day: string | null
  /** The pairs themselves, packed: sorted 32-bit codes (shared/matters/similarity, 0015). */
  pairs: Uint8Array
}

export interface VisitRepresentativeTable {
  name: string
  visit_id: number
}

export interface MatterDecisionTable {
  id: Generated<number>
  intake_id: string
  user_id: number
  candidate_visit_id: number
  decision: 'same' | 'different'
  reasons: string
  at: string
  visit_id: number | null
}

export interface QueueCounterTable {
  /** The queue's day is written YYYY-MM-DD (migration 0014), unlike the visits' YYYYMMDD. */
  hall_day: IsoDay
  kind: TicketKind
  last_seq: number
}

export interface QueueTicketTable {
  id: Generated<number>
  hall_day: IsoDay
  kind: TicketKind
  seq: number
  number: string
  headcount: number
  source: TicketSource
  issued_by: number | null
  issued_at: string
  status: TicketStatus
  /** Its place in the queue: the issue time, kept when a 过号 ticket comes back. */
  queued_at: string
  /** After 转窗口: only this window calls it. */
  target_window: number | null
  /** The first call (the end of the waiting time). */
  called_at: string | null
  last_called_at: string | null
  window_no: number | null
  called_by: number | null
  skipped_at: string | null
  /** The case registered from it (登记). */
  visit_id: number | null
  served_at: string | null
}

export interface QueueCallTable {
  id: Generated<number>
  ticket_id: number
  hall_day: IsoDay
  kind: TicketKind
  action: QueueAction
  window_no: number
  user_id: number
  at: string
  /** 1: a duty officer called this ticket out of order (the reason is in the audit trail). */
  out_of_order: Generated<number>
}

export interface OnsiteRatingTable {
  visit_id: number
  rating: Satisfaction
  receptionist_id: number
  rated_at: string
}

export interface Database {
  hall: HallTable
  audit_anchors: AuditAnchorTable
  users: UserTable
  categories: CategoryTable
  visitors: VisitorTable
  visits: VisitTable
  case_sequences: CaseSequenceTable
  drafts: DraftTable
  audit_log: AuditTable
  receipt_prints: ReceiptPrintTable
  units: UnitTable
  case_events: CaseEventTable
  leader_receptions: LeaderReceptionTable
  leader_reception_cases: LeaderReceptionCaseTable
  holidays: HolidayTable
  deadline_regimes: DeadlineRegimeTable
  matter_docs: MatterDocTable
  visit_representatives: VisitRepresentativeTable
  matter_decisions: MatterDecisionTable
  queue_counters: QueueCounterTable
  queue_tickets: QueueTicketTable
  queue_calls: QueueCallTable
  onsite_ratings: OnsiteRatingTable
  visit_search: VisitSearchTable
}

export type Hall = Selectable<HallTable>
export type User = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type UserUpdate = Updateable<UserTable>
export type Visitor = Selectable<VisitorTable>
export type NewVisitor = Insertable<VisitorTable>
export type Visit = Selectable<VisitTable>
export type NewVisit = Insertable<VisitTable>
export type AuditRow = Selectable<AuditTable>
export type ReceiptPrint = Selectable<ReceiptPrintTable>
export type CaseEvent = Selectable<CaseEventTable>
export type QueueTicket = Selectable<QueueTicketTable>
export type QueueCall = Selectable<QueueCallTable>
