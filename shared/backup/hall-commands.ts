/**
 * The commands the backup card shows the hall's IT person in hall mode: pg_dump for a backup,
 * pg_restore for a restore (which only they do, on the server). Never with the password: it
 * comes from ~/.pgpass or PGPASSWORD.
 */

/** A value as one word of a POSIX shell (and of PowerShell): quoted when it holds anything but safe characters. */
function word(text: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'"'"'`)}'`
}

/** The hall's database as the commands name it: the URL without its password (sslmode kept). */
/**
 * The URL as libpq (pg_dump, pg_restore, psql) reads it. A query written by URLSearchParams has its
 * spaces as `+`, which node-postgres reads as a space and libpq does not (`options=-c+search_path…`
 * is refused: unrecognized configuration parameter "+search_path"): every value is written again
 * with `%20`, so both read the same.
 */
export function withLibpqQuery(parsed: URL): string {
  const query = [...parsed.searchParams].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
  const copy = new URL(parsed.toString())
  copy.search = query === '' ? '' : `?${query}`
  return copy.toString()
}

export function connectionWithoutPassword(url: string): string | null {
  try {
    const parsed = new URL(url)
    if (!/^postgres(ql)?:$/i.test(parsed.protocol) || parsed.hostname === '') return null
    parsed.password = ''
    // node-postgres's switch to libpq's TLS meanings (shared/hall-connection): not libpq's own.
    parsed.searchParams.delete('uselibpqcompat')
    return withLibpqQuery(parsed)
  } catch {
    return null
  }
}

/**
 * The schema a hall lives in when its URL names one (`?options=-c search_path=NAME`): only that
 * schema is the hall's to dump. Null for the usual hall in `public`, where the whole database is.
 */
export function hallSchemaOf(url: string): string | null {
  try {
    const options = new URL(url).searchParams.get('options') ?? ''
    return /search_path\s*=\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(options)?.[1] ?? null
  } catch {
    return null
  }
}

/** The .pgpass line (host:port:database:user:password) the command reads its password from, the password left to fill in. */
export function pgpassLine(url: string): string {
  try {
    const u = new URL(url)
    const esc = (s: string) => decodeURIComponent(s).replace(/([:\\])/g, '\\$1')
    return `${esc(u.hostname)}:${u.port || '5432'}:${esc(u.pathname.slice(1))}:${esc(u.username)}:PASSWORD`
  } catch {
    return 'HOST:5432:DATABASE:USER:PASSWORD'
  }
}

/** pg_dump in its custom format, to `file`. */
export function pgDumpCommand(url: string, file: string): string {
  const target = connectionWithoutPassword(url) ?? 'postgres://USER@HOST:5432/DATABASE'
  const schema = hallSchemaOf(url)
  return `pg_dump --format=custom --no-password --file=${word(file)}${schema === null ? '' : ` --schema=${schema}`} --dbname=${word(target)}`
}

/** pg_restore of such a file into a new, empty database made as the README says, as its owner. */
export function pgRestoreCommand(url: string, file: string): string {
  let target = 'postgres://OWNER@HOST:5432/NEW_DATABASE'
  try {
    const u = new URL(connectionWithoutPassword(url) ?? '')
    u.username = 'OWNER'
    u.pathname = `${u.pathname}_restored`
    target = u.toString()
  } catch {
    // the placeholder stays
  }
  return `pg_restore --exit-on-error --no-owner --role=OWNER --dbname=${word(target)} ${word(file)}`
}
