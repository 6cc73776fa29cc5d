/** The roles of the hall; every RPC method names the roles it admits. */
export const ROLES = ['receptionist', 'duty_officer', 'admin', 'auditor', 'guide'] as const
export type Role = (typeof ROLES)[number]

/** The roles that work with cases; the auditor (审计员) only reads and verifies the audit trail. */
export const CASE_ROLES = ['receptionist', 'duty_officer', 'admin'] as const satisfies readonly Role[]

/** The five must-ask questions (五必问), in the order they are asked. */
export const ANSWER_KEYS = ['facts', 'demands', 'difficulties', 'history', 'priorHandling'] as const
export type AnswerKey = (typeof ANSWER_KEYS)[number]

/** How a must-ask question was closed when the visitor gave no answer. */
export const ANSWER_MARKS = ['declined', 'unknown'] as const
export type AnswerMark = (typeof ANSWER_MARKS)[number]

/** 个人访 / 集体访 */
export const VISIT_KINDS = ['individual', 'group'] as const
export type VisitKind = (typeof VISIT_KINDS)[number]

/** The routing chosen at registration (当场办结 / 受理 / 交办 / 转送 / 不予受理). */
export const ROUTINGS = ['resolved', 'accepted', 'assigned', 'transferred', 'rejected'] as const
export type Routing = (typeof ROUTINGS)[number]

/** Routings whose notice must name the competent body and the reason (where to go instead). */
export const ROUTINGS_NEEDING_BODY: readonly Routing[] = ['transferred', 'rejected']

/** Receipt layouts: an A4 or A5 sheet with a cut line, or an 80 mm thermal roll. */
export const RECEIPT_LAYOUTS = ['a4', 'a5', 'thermal80'] as const
export type ReceiptLayout = (typeof RECEIPT_LAYOUTS)[number]

/**
 * The written notices (告知书) the visitor is owed (信访工作条例; DESIGN §3), printed by the
 * receipt renderer. 'closed' is the 办理意见书 / 办结告知.
 */
export const NOTICE_KINDS = ['accepted', 'rejected', 'transferred', 'assigned', 'extended', 'closed', 'reviewed', 'rechecked'] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]
/** What a print record is: the registration receipt (回执) or one of the notices. */
export type PrintDocument = 'receipt' | NoticeKind

/** Where a receipt went: a printer (Electron), a PDF file, or the browser's print dialog. */
export const PRINT_TARGETS = ['printer', 'pdf', 'browser'] as const
export type PrintTarget = (typeof PRINT_TARGETS)[number]

/** At most five representatives speak for a group visit (信访工作条例). */
export const MAX_REPRESENTATIVES = 5

/** Length limits, shared by the form and the main-side validation. */
export const LIMITS = {
  name: 50,
  address: 200,
  phone: 20,
  reason: 500,
  answer: 5000,
  hallName: 60,
  badgeNo: 20,
  position: 40,
  password: 128,
  headcount: 100000,
  body: 100,
  printer: 200,
  hallPhone: 40,
} as const

/** Fails to compile when a switch misses a case. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`)
}
