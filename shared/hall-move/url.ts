/** The form's other way in: the database's fields, as the IT person hands them over. */
export interface HallDatabaseFields {
  host: string
  port: number
  database: string
  user: string
  password: string
  /** require: the connection is encrypted (sslmode=require). */
  tls: 'off' | 'require'
}

/** The connection URL of the fields, each part escaped (a password may hold @, / or :). */
export function hallDatabaseUrl(f: HallDatabaseFields): string {
  const e = encodeURIComponent
  const host = f.host.trim().includes(':') && !f.host.trim().startsWith('[') ? `[${f.host.trim()}]` : f.host.trim()
  return `postgres://${e(f.user.trim())}:${e(f.password)}@${host}:${f.port}/${e(f.database.trim())}${f.tls === 'require' ? '?sslmode=require' : ''}`
}

/** The URL as it may be shown and recorded: user, host, port and database, never the password. */
export function redactedHallUrl(text: string): string {
  try {
    const url = new URL(text)
    const user = url.username === '' ? '' : `${decodeURIComponent(url.username)}@`
    return `postgres://${user}${url.host}${decodeURIComponent(url.pathname)}`
  } catch {
    return 'postgres://…'
  }
}

/** What every desk then starts with: the target's host, port and database, the desks' own user and password to fill in. */
export function deskDatabaseUrl(target: string): string {
  try {
    const url = new URL(target)
    return `postgres://USER:PASSWORD@${url.host}${decodeURIComponent(url.pathname)}`
  } catch {
    return 'postgres://USER:PASSWORD@HOST:5432/DATABASE'
  }
}
