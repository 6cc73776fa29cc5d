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
