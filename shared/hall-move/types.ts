/** One table of the move: its rows in the desk's file and in the hall's database. */
export interface HallMoveTable {
  table: string
  source: number
  target: number
  /** The rows' digest agrees on both sides (every column of every row). */
  same: boolean
}

/** What the move checked on the hall's database before it committed. */
export interface HallMoveVerification {
  tables: HallMoveTable[]
  /** SHA-256 over every case (every column of every visit), the same on both sides when `casesSame`. */
  casesDigest: string
  casesSame: boolean
  /** Cases in the hall's search index, and how many should be (those whose personal data is kept). */
  indexed: number
  indexExpected: number
  /** The audit chain walked on the hall's database under the hall's key. */
  auditChecked: number
  auditIntact: boolean
  /**
   * The row at which the desk's file's own chain was already broken (or, for rows cut off its
   * end, the rows it checked); null when it verified. Such a chain moves as it was.
   */
  auditBrokenInFile: number | null
  /** The newest case moved: a case registered on this desk after it stayed in the file only. */
  lastCaseNumber: string | null
}

export type HallMovePhase = 'copying' | 'verifying' | 'done' | 'failed'

/** A move's progress, as the card follows it (like reports.job). */
export interface HallMoveJob {
  id: string
  phase: HallMovePhase
  /** 0…1 */
  progress: number
  /** The table being copied or checked. */
  table: string | null
  rows: number
  totalRows: number
  /** The hall's database without its password, e.g. postgres://intake_desk_owner@db-host:5432/intake_desk */
  target: string
  /** A failure: the catalogue key, its parameters and the Chinese message; nothing was written then. */
  error: { key: string; params: Record<string, string | number>; message: string } | null
  verification: HallMoveVerification | null
}
