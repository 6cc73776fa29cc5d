/**
 * 测试连接: before a connection to the hall's database is saved, the desk tries it and checks
 * what it depends on — the server's version, the database's encoding, ctype and collation, and a
 * schema no newer than the app — so that a wrong field is found at the desk, in Chinese, and not
 * at the next start.
 */
import { accessSync, constants } from 'node:fs'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { HallConnectionFields } from '../../../shared/hall-connection/schemas'
import { hallConnectionUrl } from '../../../shared/hall-connection/schemas'
import type { HallConnectionCheck } from '../../../shared/hall-connection/types'
import { DatabaseFromFutureError, HallDatabaseUnsuitableError, checkHallDatabase, schemaVersion } from '../../db/migrate'
import { MIGRATIONS } from '../../db/migrations'
import { isConnectionError } from '../../db/postgres'
import { getHall } from '../../db/repositories/hall'
import { serverFacts } from '../../db/repositories/hall-connection'
import type { Database } from '../../db/schema'
import { AppError } from '../../errors'
import type { AuditKey } from '../audit/audit'
import { trailIsUnder } from '../audit/audit'
import { HallKeyMissingError } from '../keys/hall-secret'

/** The oldest PostgreSQL the app's migrations are written for. */
export const MIN_SERVER_VERSION_NUM = 150000
const TEST_TIMEOUT_MS = 5_000

const TLS_CODES = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED', 'ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO'])

/** What a failed attempt means, in the catalogue's words; never the driver's text. */
export function connectionRefusal(error: unknown, fields: Pick<HallConnectionFields, 'host' | 'port' | 'database' | 'user'>): AppError {
  if (error instanceof AppError) return error
  if (error instanceof HallDatabaseUnsuitableError) return new AppError('CONFLICT', 'e.hallConnection.UNSUITABLE', { problem: error.problem })
  if (error instanceof DatabaseFromFutureError) return new AppError('CONFLICT', 'e.hallConnection.TOO_NEW', { found: error.found, supported: error.supported })
  if (error instanceof HallKeyMissingError) return new AppError('CONFLICT', 'e.hallConnection.JOIN_KEY', { hall: '—' })
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined
  const message = error instanceof Error ? error.message : String(error)
  const where = { host: fields.host, port: fields.port, database: fields.database, user: fields.user }
  if (code === '28P01' || code === '28000') return new AppError('CONFLICT', 'e.hallConnection.AUTH', where)
  if (code === '3D000') return new AppError('CONFLICT', 'e.hallConnection.NO_DATABASE', where)
  if (code === '42501') return new AppError('CONFLICT', 'e.hallConnection.PRIVILEGE', where)
  if ((typeof code === 'string' && TLS_CODES.has(code)) || /does not support SSL|certificate|SSL|TLS/i.test(message)) return new AppError('CONFLICT', 'e.hallConnection.TLS', where)
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new AppError('HALL_UNAVAILABLE', 'e.hallConnection.NO_HOST', where)
  if (isConnectionError(error)) return new AppError('HALL_UNAVAILABLE', 'e.hallConnection.UNREACHABLE', where)
  return new AppError('INTERNAL', 'e.hallConnection.FAILED', where)
}

/**
 * Tries the fields against the server; resolves with what it found, or throws the refusal. With
 * `auditKey` (a desk about to join), a hall whose audit trail is under another key is refused.
 */
export async function checkHallConnection(fields: HallConnectionFields, options: { schema?: string; auditKey?: AuditKey } = {}): Promise<HallConnectionCheck> {
  if (fields.tls === 'verify-full') {
    try {
      accessSync(fields.caFile, constants.R_OK)
    } catch {
      throw new AppError('CONFLICT', 'e.hallConnection.CA_FILE', { file: fields.caFile })
    }
  }
  const pool = new pg.Pool({
    connectionString: hallConnectionUrl(fields),
    max: 1,
    connectionTimeoutMillis: TEST_TIMEOUT_MS,
    query_timeout: TEST_TIMEOUT_MS,
    statement_timeout: TEST_TIMEOUT_MS,
    application_name: 'intake-desk connection test',
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  })
  // A connection the server drops while the test runs must not take the desk down.
  pool.on('error', () => undefined)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  try {
    const facts = await serverFacts(db)
    if (facts.versionNum < MIN_SERVER_VERSION_NUM) throw new AppError('CONFLICT', 'e.hallConnection.TOO_OLD', { version: facts.version })
    await checkHallDatabase(db)
    const version = await schemaVersion(db)
    if (version > MIGRATIONS.length) throw new AppError('CONFLICT', 'e.hallConnection.TOO_NEW', { found: version, supported: MIGRATIONS.length })
    const hall = version > 0 ? ((await getHall(db))?.name ?? null) : null
    if (version > 0 && options.auditKey !== undefined && !(await trailIsUnder(db, options.auditKey))) throw new AppError('CONFLICT', 'e.hallConnection.JOIN_KEY', { hall: hall ?? '—' })
    return { serverVersion: facts.version, encoding: facts.encoding, ctype: facts.ctype, schemaVersion: version, appSchemaVersion: MIGRATIONS.length, hall, tls: fields.tls }
  } catch (error) {
    throw connectionRefusal(error, fields)
  } finally {
    await db.destroy().catch(() => undefined)
  }
}
