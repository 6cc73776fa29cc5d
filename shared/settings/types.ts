import type { DeadlineRules } from '../deadlines/rules'
import type { ReceiptLayout } from '../domain'

/** The hall settings an administrator edits. */
export interface HallSettings {
  name: string
  code: string
  address: string
  phone: string
  receiptLayout: ReceiptLayout
  receiptPrinter: string | null
  idleLockMinutes: number
  deadlineRules: DeadlineRules
  backupFolder: string | null
  backupKeepDays: number
  showLabels: [string, string, string]
  statsMonthStartDay: number
  /** 同一事项: the 诉求相似 threshold in percent, and the days a closed case is still compared. */
  matterSimilarity: number
  matterRecentDays: number
  /** Estimated national holiday years the administrator should check against the official notice. */
  estimatedHolidayYears: number[]
}

/** What a change of the deadline rules or holidays would do: open cases, and those whose due dates move. */
export interface RulesImpact {
  openCases: number
  moved: number
}
