/**
 * The hall database's backup from a desk (issue #10): PostgreSQL's own `pg_dump` in its custom
 * format, run when the desk has the client installed. The password goes to pg_dump in its
 * environment (PGPASSWORD), never on its command line, where other users of the PC could read it.
 */
import { spawn } from 'node:child_process'
import { closeSync, existsSync, openSync, readSync, readdirSync, statSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { AppError } from '../../errors'
import { withLibpqQuery } from '../../../shared/backup/hall-commands'

/** The first bytes of every custom-format archive pg_dump writes. */
const DUMP_MAGIC = 'PGDMP'
/** A dump that has not finished in an hour is stuck (a server that stopped answering). */
const DUMP_TIMEOUT_MS = 60 * 60 * 1000

const exe = (name: string, platform: NodeJS.Platform) => (platform === 'win32' ? `${name}.exe` : name)

/** Where PostgreSQL's client is installed when it is not on PATH: Debian's and the Windows installer's folders, newest version first. */
export function pgClientDirs(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  const roots =
    platform === 'win32'
      ? [join(env.ProgramFiles ?? 'C:\\Program Files', 'PostgreSQL')]
      : ['/usr/lib/postgresql', '/usr/pgsql', '/opt/homebrew/opt/libpq', '/Library/PostgreSQL']
  const dirs: string[] = []
  for (const root of roots) {
    if (!existsSync(root)) continue
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
    for (const v of versions) dirs.push(join(root, v, 'bin'))
    dirs.push(join(root, 'bin'))
  }
  return dirs
}

/**
 * The pg_dump the desk would run: the first on PATH, else the newest in the usual install
 * folders; null when the PC has none.
 */
export function findPgDump(env: NodeJS.ProcessEnv = process.env, extraDirs: string[] = pgClientDirs(process.platform, env), platform: NodeJS.Platform = process.platform): string | null {
  const path = env.PATH ?? env.Path ?? ''
  const dirs = [...path.split(delimiter).filter((d) => d !== ''), ...extraDirs]
  for (const dir of dirs) {
    const candidate = join(dir, exe('pg_dump', platform))
    try {
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not there: the next folder
    }
  }
  return null
}

/** The URL without its password, and the password apart (for PGPASSWORD). */
export function splitPassword(url: string): { url: string; password: string } {
  const parsed = new URL(url)
  const password = decodeURIComponent(parsed.password)
  parsed.password = ''
  // node-postgres's switch to libpq's TLS meanings; libpq itself refuses a parameter it does not know.
  parsed.searchParams.delete('uselibpqcompat')
  return { url: withLibpqQuery(parsed), password }
}

export interface DumpRun {
  pgDump: string
  /** postgres://USER:PASSWORD@HOST:PORT/DB (sslmode and the like as query parameters). */
  url: string
  /** The archive to write (created 0600 by the caller). */
  file: string
  /** Tests only: dump this schema alone (each test core has its own). */
  schema?: string
  /** The table being dumped now, as pg_dump tells it. */
  onTable?: (table: string) => void
  /** pg_dump's own words when it fails, for the desk's log (never shown to a receptionist). */
  log?: (line: string) => void
}

/** What pg_dump's complaint means, in the catalogue's words. */
export function dumpRefusal(stderr: string): AppError {
  if (/password authentication failed|no password supplied|authentication failed/i.test(stderr)) return new AppError('CONFLICT', 'e.hallBackup.AUTH')
  if (/server version mismatch/i.test(stderr)) return new AppError('CONFLICT', 'e.hallBackup.VERSION')
  if (/permission denied/i.test(stderr)) return new AppError('CONFLICT', 'e.hallBackup.PRIVILEGE')
  if (/could not connect|connection refused|could not translate host|timeout expired|server closed the connection/i.test(stderr)) return new AppError('HALL_UNAVAILABLE', 'e.hallBackup.UNREACHABLE')
  if (/could not open output file|no space left|could not write/i.test(stderr)) return new AppError('CONFLICT', 'e.hallBackup.WRITE')
  return new AppError('INTERNAL', 'e.hallBackup.FAILED')
}

/** Runs pg_dump --format=custom into `run.file`; resolves when it exited cleanly, else throws the refusal. */
export function runPgDump(run: DumpRun): Promise<void> {
  const { url, password } = splitPassword(run.url)
  const args = ['--format=custom', '--no-password', '--verbose', `--file=${run.file}`, ...(run.schema === undefined ? [] : [`--schema=${run.schema}`]), `--dbname=${url}`]
  return new Promise<void>((resolve, reject) => {
    const child = spawn(run.pgDump, args, {
      env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10', LC_MESSAGES: 'C', LANG: 'C' },
      stdio: ['ignore', 'ignore', 'pipe'],
      windowsHide: true,
    })
    let stderr = ''
    let pending = ''
    const timer = setTimeout(() => child.kill(), DUMP_TIMEOUT_MS)
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000)
      const lines = (pending + chunk).split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        const table = /dumping contents of table "([^"]+)"/.exec(line)?.[1]
        if (table !== undefined) run.onTable?.(table.replace(/^[^.]+\./, ''))
      }
    })
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(error.code === 'ENOENT' || error.code === 'EACCES' ? new AppError('CONFLICT', 'e.hallBackup.MISSING') : new AppError('INTERNAL', 'e.hallBackup.FAILED'))
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      if (code === 0) return resolve()
      const said = stderr
        .split('\n')
        .filter((line) => !/^pg_dump: (dumping|reading|identifying|saving|finding|flagging|last built-in|processing)/.test(line))
        .join('\n')
        .trim()
      run.log?.(`pg_dump exited with ${code ?? 'a signal'}: ${said.slice(-2_000)}`)
      reject(dumpRefusal(said))
    })
  })
}

/** pg_restore beside the pg_dump that wrote the archive, for checking it; null when it is not there. */
export function pgRestoreBeside(pgDump: string, platform: NodeJS.Platform = process.platform): string | null {
  const candidate = join(dirname(pgDump), exe('pg_restore', platform))
  return existsSync(candidate) ? candidate : null
}

/**
 * Whether `file` is a whole custom-format archive of the hall: its magic, and where pg_restore is
 * at hand its table of contents, which must list the hall's tables.
 */
export async function checkDump(file: string, pgRestore: string | null, tables: readonly string[]): Promise<boolean> {
  const fd = openSync(file, 'r')
  try {
    const head = Buffer.alloc(DUMP_MAGIC.length)
    if (readSync(fd, head, 0, head.length, 0) < head.length || head.toString('latin1') !== DUMP_MAGIC) return false
  } finally {
    closeSync(fd)
  }
  if (pgRestore === null) return true
  const listing = await new Promise<string | null>((resolve) => {
    const child = spawn(pgRestore, ['--list', file], { stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true, env: { ...process.env, LC_MESSAGES: 'C' } })
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      out += chunk
    })
    child.on('error', () => resolve(null))
    child.on('close', (code) => resolve(code === 0 ? out : null))
  })
  if (listing === null) return false
  return tables.every((t) => new RegExp(`TABLE DATA \\S+ ${t} `).test(listing))
}
