import type { HallTls } from './schemas'

/** What 测试连接 found on the hall's server. */
export interface HallConnectionCheck {
  /** e.g. 15.18 */
  serverVersion: string
  encoding: string
  ctype: string
  /** The schema version on the server: 0 for an empty database (the first desk creates the schema). */
  schemaVersion: number
  /** What this app supports: a database with a newer schema is refused. */
  appSchemaVersion: number
  /** The hall's name when one is set up there; null for a database without a hall yet. */
  hall: string | null
  tls: HallTls
}

/** The saved connection as the card shows it: never the password, only whether one is kept. */
export interface HallConnectionView {
  mode: 'single' | 'hall'
  host: string
  port: number
  database: string
  user: string
  hasPassword: boolean
  tls: HallTls
  caFile: string
  /** Whether the desk runs on this connection now; a change takes effect at the next start. */
  active: boolean
  /** Where the connection is kept: the operating system's store (safeStorage) or an encrypted file beside its key. */
  storage: 'os' | 'file'
}
