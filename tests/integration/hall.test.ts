import { sql } from 'kysely'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import { openCore } from '../../electron/core'
import { DatabaseFromFutureError, schemaVersion } from '../../electron/db/migrate'
import { MIGRATIONS } from '../../electron/db/migrations'
import { HALL_IDLE_IN_TRANSACTION_MS } from '../../electron/db/postgres'
import { nextDaySequence } from '../../electron/db/repositories/sequences'
import { verifyAudit } from '../../electron/services/audit/audit'
import { hallDay } from '../../shared/case-number'
import { zhCN } from '../../shared/i18n/zh-CN'
import { tcpProxy } from '../support/tcp-proxy'
import { ADMIN, TEST_DATABASE, call, fakeClock, freshSchema, hallOptions, ok, setUpHall, tempDir, testCore, validIntake } from './helpers'

// PostgreSQL only: several desks on one hall's server (locks between desks, the server's own
// clock and grants) do not exist on SQLite, where one desk owns its file. The SQLite half of
// the suite reports these as skipped.
const onPostgres = describe.skipIf(TEST_DATABASE === undefined)

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function hall(desks: number, clock = fakeClock()): Promise<{ cores: Core[]; schema: string }> {
  const { schema, drop } = await freshSchema()
  cleanups.push(drop)
  const cores: Core[] = []
  for (let i = 0; i < desks; i++) {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const core = await testCore(dir.dir, clock, { ...hallOptions(schema, clock), desk: `${i + 1}号窗口` })
    cleanups.push(() => core.close())
    cores.push(core)
    if (i === 0) await setUpHall(core)
    else await ok(core, 'admin', 'auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
  }
  return { cores, schema }
}

onPostgres('A hall of desks on one PostgreSQL database', () => {
  it('numbers 800 cases from eight desks registering at once without a gap or a duplicate, and keeps one audit chain', async () => {
    const { cores } = await hall(8)
    const numbers = (
      await Promise.all(
        cores.map(async (core) => {
          const mine: string[] = []
          for (let i = 0; i < 100; i++) mine.push((await ok(core, 'admin', 'intake.register', validIntake())).caseNumber)
          return mine
        }),
      )
    ).flat()
    expect(new Set(numbers).size).toBe(800)
    const seqs = numbers.map((n) => Number(n.slice(-4))).sort((a, b) => a - b)
    expect(seqs).toEqual(Array.from({ length: 800 }, (_, i) => i + 1))
    // Every desk's registration is in the one trail, chained one after another: no fork.
    const db = cores[0]!.connection.db
    expect(await verifyAudit(db)).toBeNull()
    const registrations = await db.selectFrom('audit_log').select(['desk', 'prev_hash']).where('action', '=', 'intake.register').execute()
    expect(registrations).toHaveLength(800)
    expect(new Set(registrations.map((r) => r.desk))).toEqual(new Set(cores.map((_, i) => `${i + 1}号窗口`)))
    const all = await db.selectFrom('audit_log').select('prev_hash').execute()
    expect(new Set(all.map((r) => r.prev_hash)).size).toBe(all.length)
    // Another desk's search finds a case registered on the first.
    const found = await ok(cores[7]!, 'admin', 'cases.search', { query: '排水', by: 'auto' })
    expect(found.rows.length).toBeGreaterThan(0)
  }, 180_000)

  it('lets a desk frozen in the middle of taking a number hold the others no longer than the idle-in-transaction timeout', async () => {
    const clock = fakeClock()
    const { cores } = await hall(2, clock)
    const [frozen, other] = cores as [Core, Core]
    const day = hallDay(clock(), 'Asia/Shanghai')
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    cleanups.push(() => release())
    let took: (() => void) | undefined
    const tookNumber = new Promise<void>((resolve) => (took = resolve))
    // The frozen desk takes today's number 0001 and then stops answering, its transaction open.
    const stuck = frozen.connection.db
      .transaction()
      .execute(async (trx) => {
        expect(await nextDaySequence(trx, day)).toBe(1)
        took?.()
        await held
      })
      .catch((error: unknown) => error)
    await tookNumber
    const started = Date.now()
    const result = await ok(other, 'admin', 'intake.register', validIntake())
    const waited = Date.now() - started
    // The server ended the frozen session (and its lock) after the timeout; its number came back.
    expect(waited).toBeGreaterThan(HALL_IDLE_IN_TRANSACTION_MS - 1_000)
    expect(waited).toBeLessThan(HALL_IDLE_IN_TRANSACTION_MS + 3_000)
    expect(result.caseNumber).toBe(`WH-${day}-0001`)
    release()
    expect(await stuck).toBeInstanceOf(Error)
    // The frozen desk itself carries on with a fresh connection.
    expect((await ok(frozen, 'admin', 'intake.register', validIntake())).caseNumber).toBe(`WH-${day}-0002`)
  }, 60_000)

  it('migrates once when four desks start at once on an empty database, and refuses a schema newer than the app', async () => {
    const clock = fakeClock()
    const { schema, drop } = await freshSchema()
    cleanups.push(drop)
    const cores = await Promise.all(
      [1, 2, 3, 4].map(async () => {
        const dir = tempDir()
        cleanups.push(dir.remove)
        const core = await testCore(dir.dir, clock, hallOptions(schema, clock))
        cleanups.push(() => core.close())
        return core
      }),
    )
    const db = cores[0]!.connection.db
    expect(await schemaVersion(db)).toBe(MIGRATIONS.length)
    const categories = await db.selectFrom('categories').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(categories.n).toBe(20)
    await sql`UPDATE intake_desk_schema_version SET version = 99`.execute(db)
    const dir = tempDir()
    cleanups.push(dir.remove)
    await expect(testCore(dir.dir, clock, hallOptions(schema, clock))).rejects.toBeInstanceOf(DatabaseFromFutureError)
  }, 60_000)

  it('refuses UPDATE and DELETE on the audit trail: the trigger for everyone, the grants for the desks’ role', async () => {
    const clock = fakeClock()
    const { cores, schema } = await hall(1, clock)
    const db = cores[0]!.connection.db
    await expect(sql`UPDATE audit_log SET detail = '{}'`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/)

    // The README's grants for the desks' role, applied by the owner (the IT person's account).
    const deskRole = process.env.INTAKE_DESK_TEST_DESK_ROLE ?? 'intake_desk_test_desk'
    const owner = new pg.Client({ connectionString: TEST_DATABASE })
    await owner.connect()
    try {
      await owner.query(`SET search_path TO ${schema}`)
      await owner.query(`GRANT USAGE ON SCHEMA ${schema} TO ${deskRole}`)
      await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${deskRole}`)
      await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${deskRole}`)
      await owner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${deskRole}`)
    } finally {
      await owner.end()
    }
    const url = new URL(TEST_DATABASE ?? '')
    url.username = deskRole
    url.password = process.env.INTAKE_DESK_TEST_DESK_PASSWORD ?? 'intake-desk-test'
    const dir = tempDir()
    cleanups.push(dir.remove)
    const desk = await openCore({ dataDir: dir.dir, clock, scryptN: 2 ** 10, ...hallOptions(schema, clock), database: url.toString(), desk: '2号窗口' })
    cleanups.push(() => desk.close())
    await ok(desk, 'admin', 'auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
    expect((await ok(desk, 'admin', 'intake.register', validIntake())).caseNumber).toMatch(/-0001$/)
    const error = (e: unknown) => (e as { code?: string }).code
    await expect(sql`UPDATE audit_log SET detail = '{}'`.execute(desk.connection.db).catch(error)).resolves.toBe('42501')
    await expect(sql`DELETE FROM audit_log`.execute(desk.connection.db).catch(error)).resolves.toBe('42501')
    await expect(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(desk.connection.db).catch(error)).resolves.toBe('42501')
    expect(await verifyAudit(desk.connection.db)).toBeNull()
  }, 60_000)

  /** A set-up desk on a fresh schema that reaches the server through a TCP relay the test can cut. */
  async function deskBehindProxy() {
    const clock = fakeClock()
    const { schema, drop } = await freshSchema()
    cleanups.push(drop)
    const target = new URL(TEST_DATABASE ?? '')
    const proxy = await tcpProxy(target.hostname, Number(target.port || 5432))
    cleanups.push(() => proxy.close())
    const url = new URL(TEST_DATABASE ?? '')
    url.hostname = '127.0.0.1'
    url.port = String(proxy.port)
    const dir = tempDir()
    cleanups.push(dir.remove)
    const core = await testCore(dir.dir, clock, { ...hallOptions(schema, clock), database: url.toString() })
    cleanups.push(() => core.close())
    await setUpHall(core)
    return { core, proxy }
  }

  it('answers within 10 s with a Chinese message while the server is away, keeps the draft, and registers once it is back', async () => {
    const { core, proxy } = await deskBehindProxy()
    expect((await ok(core, 'admin', 'intake.register', validIntake())).caseNumber).toMatch(/-0001$/)
    expect(await ok(core, 'admin', 'app.link', {})).toMatchObject({ engine: 'postgres', state: 'connected' })

    await proxy.stop()
    const started = Date.now()
    const refused = await call(core, 'admin', 'intake.register', validIntake())
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(refused.ok).toBe(false)
    if (!refused.ok) {
      expect(refused.error.code).toBe('HALL_UNAVAILABLE')
      expect(refused.error.message).toBe(zhCN.e.HALL_UNAVAILABLE)
      expect(refused.error.message).toContain('大厅数据库连接中断，正在重新连接…')
    }
    expect(await ok(core, 'admin', 'app.link', {})).toMatchObject({ state: 'reconnecting' })
    // Typing goes on: drafts stay on the desk.
    await ok(core, 'admin', 'drafts.save', { values: { visitor: { name: '吕建国' } }, step: 1 })
    expect((await ok(core, 'admin', 'drafts.get', {}))?.values).toEqual({ visitor: { name: '吕建国' } })
    const other = await call(core, 'admin', 'visits.today', {})
    expect(other.ok ? null : other.error.code).toBe('HALL_UNAVAILABLE')

    await proxy.start()
    const again = await ok(core, 'admin', 'intake.register', validIntake())
    // Nothing half-written by the refused attempt: the number it would have had is this one.
    expect(again.caseNumber).toMatch(/-0002$/)
    expect(await ok(core, 'admin', 'app.link', {})).toMatchObject({ state: 'connected' })
    expect(await ok(core, 'admin', 'visits.today', {})).toHaveLength(2)
  }, 60_000)

  it('shows the link lost while the server is away even when only the header and drafts call, and back once it answers', async () => {
    const { core, proxy } = await deskBehindProxy()
    expect(await ok(core, 'admin', 'app.link', {})).toMatchObject({ state: 'connected' })
    const linkState = async () => ((await ok(core, 'admin', 'app.link', {})) as { state: string }).state
    const until = async (state: string) => {
      const started = Date.now()
      while ((await linkState()) !== state) {
        if (Date.now() - started > 10_000) throw new Error(`the link never showed ${state}`)
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      return Date.now() - started
    }

    await proxy.stop()
    // Nobody registers or reads: the header's poll alone (every 2 s in the app) finds out.
    expect(await until('reconnecting')).toBeLessThan(8_000)
    // The header's own polls and the draft being saved answer from the desk: they say nothing of the server.
    await ok(core, 'admin', 'drafts.save', { values: { visitor: { name: '吕建国' } }, step: 1 })
    for (let i = 0; i < 4; i++) {
      expect(await linkState()).toBe('reconnecting')
      await new Promise((resolve) => setTimeout(resolve, 500))
    }

    await proxy.start()
    expect(await until('connected')).toBeLessThan(8_000)
    expect(await ok(core, 'admin', 'visits.today', {})).toHaveLength(0)
  }, 60_000)
})
