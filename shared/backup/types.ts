export interface BackupStatus {
  folder: string | null
  keepDays: number
  last: { at: string; path: string } | null
  /** No successful backup within the last day. */
  stale: boolean
  /** Hall mode: the hall's database is backed up by its server; what this desk can do besides. */
  hall: HallBackupStatus | null
  /** A backup being written now (the hall's pg_dump takes a while): the table it is at. */
  running: { table: string | null; tables: number } | null
}

/** The backup card in hall mode: the server's backups, the commands for IT, and pg_dump on this desk. */
export interface HallBackupStatus {
  /** The hall's database without its password, e.g. postgres://intake_desk@db-host:5432/intake_desk */
  target: string
  /** The pg_dump this desk would run; null when the PostgreSQL client is not installed here. */
  pgDump: string | null
  dumpCommand: string
  /** The line of ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows) the commands read the password from. */
  pgpassLine: string
  /** Restores are the IT person's, on the server: pg_restore into a new database. */
  restoreCommand: string
}

/** A backup found in the backup folder. */
export interface BackupFile {
  path: string
  fileName: string
  /** file: a copy of this desk's SQLite database; dump: the hall database's pg_dump archive. */
  kind: 'file' | 'dump'
  /** ISO-8601 UTC, from the sidecar, else from the file name. */
  createdAt: string
  /** From the file's header; null when the header is unreadable. */
  schemaVersion: number | null
  sizeBytes: number
  /** Whether the file still has the hash its sidecar recorded; null without a sidecar. */
  hashMatches: boolean | null
}
