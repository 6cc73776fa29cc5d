import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore } from '../../electron/core'
import { DATABASE_FILE } from '../../electron/paths'
import type { Connection } from '../../electron/db/connection'
import { openConnection } from '../../electron/db/connection'
import { databaseKeyIn } from '../../electron/services/keys/hall-secret'
import { DatabaseFromFutureError, migrate, schemaVersion } from '../../electron/db/migrate'
import type { Migration } from '../../electron/db/migrations'
import { MIGRATIONS } from '../../electron/db/migrations'
import * as m0001 from '../../electron/db/migrations/0001-initial'
import { addUser, ok, setUpHall, tempDir, testCore, validIntake } from './helpers'

let dir: ReturnType<typeof tempDir>
const open: { close: () => Promise<void> }[] = []

beforeEach(() => {
  dir = tempDir()
})
afterEach(async () => {
  for (const c of open.splice(0)) await c.close()
  dir.remove()
})

function connect(): Connection {
  // With the hall's key once a core has made one; a file no core has opened yet is plain.
  const connection = openConnection(join(dir.dir, DATABASE_FILE), databaseKeyIn(dir.dir))
  open.push(connection)
  return connection
}

function tableExists(connection: Connection, name: string): boolean {
  return (
    connection.raw.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?').get('table', name) !==
    undefined
  )
}

function count(connection: Connection, table: string): number {
  return (connection.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
}

/** A migration that dies half-way, after creating a table. */
const failing: Migration = {
  async up(db) {
    await db.schema.createTable('half_done').addColumn('id', 'integer').execute()
    throw new Error('migration failed')
  },
}

describe('a new, empty database', () => {
  it('is migrated to the latest schema version with the 20 seeded categories', async () => {
    const core = await testCore(dir.dir)
    open.push(core)
    expect(core.connection.raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    expect(count(core.connection, 'categories')).toBe(20)
    expect(count(core.connection, 'categories WHERE retired = 0')).toBe(20)
    for (const table of ['hall', 'users', 'visitors', 'visits', 'case_sequences', 'drafts', 'audit_log']) {
      expect(tableExists(core.connection, table), table).toBe(true)
    }
  })

  it('is opened with WAL, full sync and foreign keys', async () => {
    const core = await testCore(dir.dir)
    open.push(core)
    const { raw } = core.connection
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(raw.pragma('synchronous', { simple: true })).toBe(2)
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1)
  })
})

describe('an existing database', () => {
  it('keeps its data when reopened, and migrating again changes nothing', async () => {
    const first = await testCore(dir.dir)
    await setUpHall(first)
    await addUser(first, 'r1', 'receptionist', 'R001')
    const { caseNumber } = await ok(first, 'r1', 'intake.register', validIntake())
    await first.close()

    const second = await openCore({
      dataDir: dir.dir,
      clock: first.clock,
      scryptN: 2 ** 10,
      onInternalError: () => undefined,
    })
    open.push(second)
    expect(await migrate(second.connection.db)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length })
    expect(count(second.connection, 'categories')).toBe(20)
    expect(count(second.connection, 'users')).toBe(2)
    const visits = second.connection.raw.prepare('SELECT case_number, visitor_name FROM visits').all()
    expect(visits).toEqual([{ case_number: caseNumber, visitor_name: '吕建国' }])

    // Sessions live in memory: sign in again and the visit is in today’s log.
    await ok(second, 'r1', 'auth.signIn', { badgeNo: 'R001', password: 'Mine2026pass' })
    const today = await ok(second, 'r1', 'visits.today', {})
    expect(today.map((r) => r.caseNumber)).toEqual([caseNumber])
  })

  it('written by a newer app version is refused and left untouched', async () => {
    const core = await testCore(dir.dir)
    await setUpHall(core)
    core.connection.raw.pragma(`user_version = ${MIGRATIONS.length + 1}`)
    await core.close()

    await expect(openCore({ dataDir: dir.dir, scryptN: 2 ** 10 })).rejects.toBeInstanceOf(
      DatabaseFromFutureError,
    )

    const connection = connect()
    expect(connection.raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1)
    expect(count(connection, 'users')).toBe(1)
  })

  it('names the found and supported versions when refusing a newer database', async () => {
    const connection = connect()
    connection.raw.pragma(`user_version = ${MIGRATIONS.length + 5}`)
    const error = await migrate(connection.db).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseFromFutureError)
    expect(error).toMatchObject({ found: MIGRATIONS.length + 5, supported: MIGRATIONS.length })
  })
})

describe('a failing migration', () => {
  it('rolls back entirely on a database that is already at the latest version', async () => {
    const core = await testCore(dir.dir)
    await setUpHall(core)
    await core.close()

    const connection = connect()
    await expect(migrate(connection.db, [...MIGRATIONS, failing])).rejects.toThrow('migration failed')
    expect(await schemaVersion(connection.db)).toBe(MIGRATIONS.length)
    expect(tableExists(connection, 'half_done')).toBe(false)
    expect(count(connection, 'hall')).toBe(1)
  })

  it('rolls back the earlier migrations of the same run too, leaving an empty database', async () => {
    const connection = connect()
    await expect(migrate(connection.db, [m0001, failing])).rejects.toThrow('migration failed')
    expect(await schemaVersion(connection.db)).toBe(0)
    expect(tableExists(connection, 'half_done')).toBe(false)
    expect(tableExists(connection, 'visits')).toBe(false)
    expect(tableExists(connection, 'categories')).toBe(false)
  })

  it('can be retried once fixed, from the version it stopped at', async () => {
    const connection = connect()
    await expect(migrate(connection.db, [m0001, failing])).rejects.toThrow()
    const fixed: Migration = {
      async up(db) {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute()
      },
    }
    expect(await migrate(connection.db, [m0001, fixed])).toEqual({ from: 0, to: 2 })
    expect(tableExists(connection, 'half_done')).toBe(true)
    expect(
      (await sql<{ n: number }>`SELECT count(*) AS n FROM categories`.execute(connection.db)).rows[0]?.n,
    ).toBe(20)
  })
})
