import type { SessionInfo } from '../accounts/types'
import type { ReceiptLayout } from '../domain'

export interface HallInfo {
  name: string
  code: string
  timeZone: string
  idleLockMinutes: number
  /** The three things a receptionist shows (三亮); default 工号 / 姓名 / 职务. */
  showLabels: [string, string, string]
  receiptLayout: ReceiptLayout
  /** The longest extension (延期) the hall allows, in days. */
  extensionMax: number
  /** The statistical month starts on this day (1, or e.g. 21 for the 21st to the 20th). */
  statsMonthStartDay: number
  /** The auditor lets the administrator read the audit trail (三员分立: off unless allowed). */
  adminReadsAudit: boolean
}

export interface AppStatus {
  setUp: boolean
  hall: HallInfo | null
  session: SessionInfo | null
  /** The main side's clock, so the renderer can show the hall's day. */
  now: string
  /** Before setup: the backup folder setup offers (beside the data folder). */
  defaultBackupFolder: string | null
  /**
   * Before setup: the first screen offers 单机使用 or 连接大厅数据库 (hallConnection.join). Always
   * in the app; on the browser host only when started with --first-run-choice. False once the
   * hall is set up or the desk runs on a hall database.
   */
  firstRunChoice: boolean
}

/** The desk and its link to the hall's database (header). */
export interface DeskLink {
  /** The desk's name, e.g. 3号窗口 (--desk-name; the computer's name by default). */
  desk: string
  /** sqlite: a single desk's own file; postgres: the hall's shared database. */
  engine: 'sqlite' | 'postgres'
  /** Always connected on SQLite. */
  state: 'connected' | 'reconnecting'
}
