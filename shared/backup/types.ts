export interface BackupStatus {
  folder: string | null
  keepDays: number
  last: { at: string; path: string } | null
  /** No successful backup within the last day. */
  stale: boolean
}

/** A backup found in the backup folder. */
export interface BackupFile {
  path: string
  fileName: string
  /** ISO-8601 UTC, from the sidecar, else from the file name. */
  createdAt: string
  /** From the file's header; null when the header is unreadable. */
  schemaVersion: number | null
  sizeBytes: number
  /** Whether the file still has the hash its sidecar recorded; null without a sidecar. */
  hashMatches: boolean | null
}
