/** A closed case past the hall's 个人信息保存期限, its personal data not yet purged. */
export interface RetentionDueCase {
  caseNumber: string
  registeredAt: string
  /** Hall-local day the case was closed. */
  closedDay: string
  category: string
}

export interface RetentionDue {
  months: number
  /** Cases closed on or before this hall day are due. */
  cutoffDay: string
  /** Oldest first, at most one batch. */
  cases: RetentionDueCase[]
  total: number
  /** Cases whose personal data was purged so far. */
  purged: number
}

export interface RetentionPurged {
  purged: number
}
