import type { SqliteHandle } from './cipher'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { AppError } from '../errors'
import type { Connection } from './connection'
import type { Database } from './schema'

/**
 * The hall's database on PostgreSQL (issue #10): one database that every desk of the hall
 * connects to. The pool answers within the hall's 10-second promise: connecting gives up after
 * 4 s, a statement after 8 s (server side) or 8.5 s (client side, for a server that stopped
 * answering), and a desk that stops in the middle of a transaction loses its session — and
 * with it the locks it held — after HALL_IDLE_IN_TRANSACTION_MS.
 */
export const HALL_CONNECT_TIMEOUT_MS = 4_000
export const HALL_STATEMENT_TIMEOUT_MS = 8_000
/** A desk frozen mid-transaction holds the hall's locks no longer than this (the server ends its session). */
export const HALL_IDLE_IN_TRANSACTION_MS = 5_000
/** How long one attempt waits for a row lock (the day counter, the audit chain head) before retrying. */
export const HALL_LOCK_TIMEOUT_MS = 2_000

export type LinkState = 'connected' | 'reconnecting'

/** What the desk knows about its link to the hall's server; the header shows it. */
export interface HallLink {
  state: () => LinkState
  /** A call failed for want of the server: show it, and probe until the server answers again. */
  lost: () => void
  /** A statement went through. */
  answered: () => void
  /**
   * The header asks (app.link): when the desk has not heard from the server for a while, it is
   * asked in the background, so a server that stopped while nobody called is noticed too.
   */
  check: () => void
}

export interface PostgresOptions {
  /** postgres://user:password@host:port/database */
  url: string
  /** The desk's name: the server shows it as the session's application_name. */
  desk: string
  /** Tests only: every statement runs in this schema (a fresh one per test core; letters, digits, _). */
  schema?: string
  /** Connections this desk holds at most. */
  max?: number
  /**
   * Longer limits than a desk's, for the one long transaction of 迁移到大厅数据库 (services/hall-move),
   * which works between its statements (reading the file, hashing rows, walking the audit chain).
   */
  limits?: { statementMs: number; idleInTransactionMs: number }
}

const INT8 = 20
const NUMERIC = 1700

/**
 * Counts (bigint) and sums (numeric) come back as numbers, as they do from SQLite; the hall's
 * counts stay far below 2^53. Only this pool's parsers change, not the pg module's.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) => {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown
  }) as typeof pg.types.getTypeParser,
}

/** Errors that mean the server (or the way to it) is gone, as opposed to a refused statement. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN'])

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') {
    if (CONNECTION_CODES.has(code)) return true
    // 08: connection exception; 57P01–57P03: the server shuts down or cannot accept; 57014: statement timeout.
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '57014') return true
  }
  return /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection timeout|Connection ended unexpectedly|Client has encountered a connection error|not queryable/i.test(
    error.message,
  )
}

/** A lock that could not be had within the lock timeout (another desk holds it). */
export function isLockTimeout(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === '55P03'
}

/** A unique constraint refused a row (both engines). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

/** The refusal every call gets while the server cannot be reached: nothing was changed. */
export function hallUnavailable(): AppError {
  return new AppError('HALL_UNAVAILABLE')
}

/** SQLite's handle does not exist in hall mode: what needs it (the desk's file backup) says so clearly. */
function noSqliteHandle(): SqliteHandle {
  return new Proxy({} as SqliteHandle, {
    get() {
      throw new AppError('HALL_MODE_ONLY_SERVER')
    },
  })
}

/** How long the desk may go without hearing from the server before the header's poll asks it. */
export const HALL_QUIET_MS = 3_000

export function createHallLink(ping: () => Promise<void>, probeMs = 1_000, quietMs = HALL_QUIET_MS): HallLink & { stop: () => void } {
  let state: LinkState = 'connected'
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  let heardAt = Date.now()
  let asking = false
  const answered = () => {
    state = 'connected'
    heardAt = Date.now()
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
  const lost = () => {
    state = 'reconnecting'
    if (timer === undefined && !stopped) timer = setTimeout(probe, probeMs).unref()
  }
  function probe(): void {
    timer = undefined
    if (stopped) return
    ping().then(answered, () => {
      if (!stopped) timer = setTimeout(probe, probeMs).unref()
    })
  }
  return {
    state: () => state,
    lost,
    answered,
    check: () => {
      if (stopped || asking || state !== 'connected' || Date.now() - heardAt < quietMs) return
      asking = true
      ping()
        .then(answered, () => {
          if (!stopped) lost()
        })
        .finally(() => {
          asking = false
        })
    },
    stop: () => {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
    },
  }
}

/** Opens the pool to the hall's server. Nothing is sent until the first statement. */
export function openPostgres(options: PostgresOptions): Connection & { link: HallLink; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 5,
    connectionTimeoutMillis: HALL_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    query_timeout: (options.limits?.statementMs ?? HALL_STATEMENT_TIMEOUT_MS) + 500,
    keepAlive: true,
    application_name: options.desk.slice(0, 63),
    // Sent with the connection's start-up packet: no extra round trip per connection.
    statement_timeout: options.limits?.statementMs ?? HALL_STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: options.limits?.idleInTransactionMs ?? HALL_IDLE_IN_TRANSACTION_MS,
    options: ['-c TimeZone=UTC', ...(options.schema === undefined ? [] : [`-c search_path=${options.schema}`])].join(' '),
    types,
  })
  // An idle connection the server dropped must not take the desk down: the pool replaces it.
  pool.on('error', () => link.lost())
  // So must one that breaks while a call holds it (the server ended the session, the network
  // went): the call's statement fails and is answered; without a listener the event would end
  // the process.
  pool.on('connect', (client) => client.on('error', () => link.lost()))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const link = createHallLink(async () => {
    const client = await pool.connect()
    try {
      await client.query('SELECT 1')
    } finally {
      client.release()
    }
  })
  return {
    engine: 'postgres',
    db,
    raw: noSqliteHandle(),
    key: null,
    clearStatementCache: () => undefined,
    link,
    pool,
    close: async () => {
      link.stop()
      await db.destroy()
    },
  }
}
