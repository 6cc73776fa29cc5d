import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core, CoreOptions } from '../../electron/core'
import { openCore } from '../../electron/core'
import { MIGRATIONS } from '../../electron/db/migrations'
import { MOVED_TABLES } from '../../electron/db/repositories/hall-move'
import { DATABASE_FILE } from '../../electron/paths'
import type { HallMoveJob } from '../../shared/hall-move/types'
import type { CaseDetail } from '../../shared/cases/types'
import { ADMIN, TEST_DATABASE, addUser, call, fakeClock, freshSchema, ok, setUpHall, tempDir, validIntake } from './helpers'
import type { FakeClock } from './helpers'

// PostgreSQL only: the move goes from a desk's SQLite file into a hall's PostgreSQL database, so
// it needs both. Skipped without INTAKE_DESK_TEST_DATABASE, as the other hall tests (CI sets it).
const onPostgres = describe.skipIf(TEST_DATABASE === undefined)
if (TEST_DATABASE === undefined) console.log('hall-move.test.ts: the move into PostgreSQL skipped in this run (no INTAKE_DESK_TEST_DATABASE; the postgres project runs it, see README «大厅数据库»)')

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** A single desk on SQLite whose moves write into `schema` of the test database. */
async function singleDesk(dir: string, clock: FakeClock, schema: string): Promise<Core> {
  const core = await openCore({ dataDir: dir, clock, scryptN: 2 ** 10, onInternalError: (m, e) => console.error(m, e), testSchema: schema })
  cleanups.push(() => core.close())
  return core
}

/** A desk started on the hall's database with the same data folder (so the same hall key). */
async function hallDesk(dir: string, clock: FakeClock, schema: string, extra: Partial<CoreOptions> = {}): Promise<Core> {
  const core = await openCore({
    dataDir: dir,
    clock,
    scryptN: 2 ** 10,
    onInternalError: (m, e) => console.error(m, e),
    database: TEST_DATABASE,
    testSchema: schema,
    testClockOffsetMs: () => clock().getTime() - Date.now(),
    ...extra,
  })
  cleanups.push(() => core.close())
  return core
}

async function move(core: Core, schemaUrl = TEST_DATABASE ?? ''): Promise<HallMoveJob> {
  let job = await ok(core, 'admin', 'hallMove.start', { url: schemaUrl })
  while (job.phase === 'copying' || job.phase === 'verifying') {
    await new Promise((resolve) => setTimeout(resolve, 50))
    job = await ok(core, 'admin', 'hallMove.job', { id: job.id })
  }
  return job
}

/** Rows of a statement on the target schema, read past the app. */
async function onTarget<T extends object = Record<string, unknown>>(schema: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE, options: `-c search_path=${schema}` })
  await client.connect()
  try {
    return (await client.query<T>(text, params)).rows
  } finally {
    await client.end()
  }
}

const fileDigest = (dir: string) => {
  const hash = createHash('sha256')
  for (const suffix of ['', '-wal']) {
    try {
      hash.update(readFileSync(join(dir, DATABASE_FILE + suffix)))
    } catch {
      hash.update('none')
    }
  }
  return hash.digest('hex')
}

onPostgres('迁移到大厅数据库', () => {
  it('moves every case, user, print, step and the audit chain into an empty hall database, which the desks then carry on', async () => {
    const { schema, drop } = await freshSchema()
    cleanups.push(drop)
    const dir = tempDir()
    cleanups.push(dir.remove)
    const clock = fakeClock()
    const desk = await singleDesk(dir.dir, clock, schema)
    await setUpHall(desk)
    await addUser(desk, 'r1', 'receptionist', 'R001')
    await addUser(desk, 'd1', 'duty_officer', 'D001')
    await addUser(desk, 'a1', 'auditor', 'U001')
    const numbers: string[] = []
    for (const [i, routing] of (['accepted', 'accepted', 'resolved', 'accepted', 'accepted'] as const).entries()) {
      clock.advance(60_000)
      numbers.push((await ok(desk, 'r1', 'intake.register', validIntake(i % 2 === 0 ? '420106196503120311' : '11010519491231002X', { routing }))).caseNumber)
    }
    const [first, second, , fourth] = numbers as [string, string, string, string]
    await ok(desk, 'd1', 'cases.act', { caseNumber: first, step: { action: 'start', note: '责任单位已签收' } })
    await ok(desk, 'd1', 'cases.act', { caseNumber: first, step: { action: 'extend', days: 30, reason: '需现场勘查排水管网' } })
    await ok(desk, 'd1', 'cases.act', { caseNumber: second, step: { action: 'assign', unitId: 1, note: '交办办理' } })
    await ok(desk, 'd1', 'cases.act', { caseNumber: fourth, step: { action: 'close', result: '已协调解决，来访人表示满意。' } })
    const print = await ok(desk, 'r1', 'receipts.browserPrint', { caseNumber: numbers[4] as string, layout: 'a4' })
    await ok(desk, 'r1', 'receipts.complete', { printId: print.printId })
    await ok(desk, 'd1', 'receipts.browserPrint', { caseNumber: first, layout: 'a4' })
    // 校验 records a signed anchor of the chain's end, which must hold on the hall's database too.
    expect(await ok(desk, 'a1', 'audit.verify', {})).toMatchObject({ ok: true })
    const before = new Map<string, CaseDetail>()
    for (const n of numbers) before.set(n, await ok(desk, 'd1', 'cases.get', { caseNumber: n }))
    const users = await ok(desk, 'admin', 'users.list', {})
    // The desk's own housekeeping (search-index merges, checkpoints) rewrites pages of the file by
    // itself: done now and held, so that what is compared is what the move does to the file.
    desk.maintenance.step({ checkpoint: true })
    desk.maintenance.stop()
    const file = fileDigest(dir.dir)

    const job = await move(desk)
    expect(job.error).toBeNull()
    expect(job.phase).toBe('done')
    expect(job.target).not.toContain('intake-desk-test')
    const v = job.verification!
    expect(v.tables.map((t) => t.table)).toEqual(MOVED_TABLES.map((t) => t.name))
    expect(v.tables.filter((t) => !t.same)).toEqual([])
    expect(v.tables.find((t) => t.table === 'visits')).toMatchObject({ source: 5, target: 5 })
    expect(v).toMatchObject({ casesSame: true, indexed: 5, indexExpected: 5, auditIntact: true, lastCaseNumber: numbers[4] })
    // The desk's file is only read.
    expect(fileDigest(dir.dir)).toBe(file)

    // The same desk, started on the hall's database.
    await desk.close()
    cleanups.pop()
    const hall = await hallDesk(dir.dir, clock, schema)
    // Users sign in with their old passwords (the hashes moved as they were).
    await ok(hall, 'admin', 'auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
    await ok(hall, 'r1', 'auth.signIn', { badgeNo: 'R001', password: 'Mine2026pass' })
    await ok(hall, 'd1', 'auth.signIn', { badgeNo: 'D001', password: 'Mine2026pass' })
    await ok(hall, 'a1', 'auth.signIn', { badgeNo: 'U001', password: 'Mine2026pass' })
    expect(await ok(hall, 'admin', 'users.list', {})).toEqual(users)
    for (const n of numbers) expect(await ok(hall, 'd1', 'cases.get', { caseNumber: n })).toEqual(before.get(n))
    // The trail moved with its chain and the move's own row; it verifies under the same hall key.
    const verified = await ok(hall, 'a1', 'audit.verify', {})
    expect(verified).toMatchObject({ ok: true, firstBrokenId: null, cutAtEnd: null })
    const moveRows = await hall.connection.db.selectFrom('audit_log').select(['action', 'user_id']).where('action', '=', 'hall.move').execute()
    expect(moveRows).toEqual([{ action: 'hall.move', user_id: 1 }])
    // Today's numbering goes on where the desk left it, and the new ids follow the moved ones.
    clock.advance(60_000)
    const next = await ok(hall, 'r1', 'intake.register', validIntake())
    expect(next.caseNumber).toBe(numbers[4]!.replace(/\d{4}$/, '0006'))
    expect((await ok(hall, 'r1', 'receipts.browserPrint', { caseNumber: next.caseNumber, layout: 'a4' })).copyNo).toBe(1)
    expect((await ok(hall, 'd1', 'cases.search', { query: '排水', by: 'auto' })).rows.length).toBe(6)
    expect(await ok(hall, 'a1', 'audit.verify', {})).toMatchObject({ ok: true })
  }, 120_000)

  it('refuses a target that already holds a hall, one newer than the app and one it cannot reach, writing nothing', async () => {
    const clock = fakeClock()
    const taken = await freshSchema()
    cleanups.push(taken.drop)
    const other = tempDir()
    cleanups.push(other.remove)
    const theirs = await hallDesk(other.dir, clock, taken.schema)
    await ok(theirs, 'admin', 'app.setup', { hallName: '另一个大厅', hallCode: 'HK', admin: ADMIN })
    const rowsBefore = await onTarget(taken.schema, 'SELECT count(*)::int AS n FROM audit_log')

    const newer = await freshSchema()
    cleanups.push(newer.drop)
    const dir = tempDir()
    cleanups.push(dir.remove)
    const desk = await singleDesk(dir.dir, clock, taken.schema)
    await setUpHall(desk)
    const hasHall = await call(desk, 'admin', 'hallMove.start', { url: TEST_DATABASE ?? '' })
    expect(hasHall).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'e.hallMove.HAS_HALL', params: { hall: '另一个大厅' } } })
    expect(hasHall.ok ? '' : hasHall.error.message).toContain('新建一个空数据库')
    expect(await onTarget(taken.schema, 'SELECT count(*)::int AS n FROM audit_log')).toEqual(rowsBefore)

    await onTarget(newer.schema, `CREATE TABLE intake_desk_schema_version (version integer NOT NULL); INSERT INTO intake_desk_schema_version VALUES (${MIGRATIONS.length + 1})`)
    const newerDesk = await singleDesk(tempDirFor(), clock, newer.schema)
    await setUpHall(newerDesk)
    expect(await call(newerDesk, 'admin', 'hallMove.start', { url: TEST_DATABASE ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'e.hallMove.TOO_NEW', params: { found: MIGRATIONS.length + 1, supported: MIGRATIONS.length } },
    })
    expect(await onTarget(newer.schema, 'SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1', [newer.schema])).toEqual([{ n: 1 }])

    const unreachable = await call(desk, 'admin', 'hallMove.start', { url: 'postgres://intake_desk_owner:secret@127.0.0.1:1/intake_desk' })
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'HALL_UNAVAILABLE', key: 'e.hallMove.UNREACHABLE', params: { target: 'postgres://intake_desk_owner@127.0.0.1:1/intake_desk' } } })
    expect(JSON.stringify(unreachable)).not.toContain('secret')
    // Only administrators move the hall.
    await addUser(desk, 'r1', 'receptionist', 'R001')
    expect(await call(desk, 'r1', 'hallMove.start', { url: TEST_DATABASE ?? '' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  }, 120_000)

  it('leaves the target empty when the copy fails part-way (one transaction), and a second try then succeeds', async () => {
    const { schema, drop } = await freshSchema()
    cleanups.push(drop)
    const dir = tempDir()
    cleanups.push(dir.remove)
    const clock = fakeClock()
    const desk = await singleDesk(dir.dir, clock, schema)
    await setUpHall(desk)
    await addUser(desk, 'r1', 'receptionist', 'R001')
    const { caseNumber } = await ok(desk, 'r1', 'intake.register', validIntake())
    await ok(desk, 'r1', 'receipts.browserPrint', { caseNumber, layout: 'a4' })
    // The hall's schema first (as the move gives it), then a trigger that refuses the prints.
    const empty = await hallDesk(tempDirFor(), clock, schema)
    await empty.close()
    cleanups.pop()
    await onTarget(
      schema,
      `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
       CREATE TRIGGER refuse BEFORE INSERT ON receipt_prints FOR EACH ROW EXECUTE FUNCTION refuse();`,
    )
    const failed = await move(desk)
    expect(failed).toMatchObject({ phase: 'failed', error: { key: 'e.hallMove.FAILED', params: { table: 'receipt_prints' } } })
    const left = await onTarget(schema, 'SELECT (SELECT count(*) FROM hall)::int AS hall, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM visits)::int AS visits, (SELECT count(*) FROM audit_log)::int AS audit')
    expect(left).toEqual([{ hall: 0, users: 0, visits: 0, audit: 0 }])
    await onTarget(schema, 'DROP TRIGGER refuse ON receipt_prints')
    expect(await move(desk)).toMatchObject({ phase: 'done', error: null })
    // Once moved, the hall database is no longer empty: a second move is refused.
    expect(await call(desk, 'admin', 'hallMove.start', { url: TEST_DATABASE ?? '' })).toMatchObject({ ok: false, error: { key: 'e.hallMove.HAS_HALL' } })
    expect(await onTarget(schema, 'SELECT count(*)::int AS n FROM visits')).toEqual([{ n: 1 }])
  }, 120_000)

  it('moves a trail already broken in the file as it is: the hall database finds it broken at the same row', async () => {
    const { schema, drop } = await freshSchema()
    cleanups.push(drop)
    const dir = tempDir()
    cleanups.push(dir.remove)
    const desk = await singleDesk(dir.dir, fakeClock(), schema)
    await setUpHall(desk)
    await addUser(desk, 'r1', 'receptionist', 'R001')
    await ok(desk, 'r1', 'intake.register', validIntake())
    // Someone with the file changed a row of the trail (past its guards).
    desk.connection.raw.exec('DROP TRIGGER audit_log_no_update')
    desk.connection.raw.prepare(`UPDATE audit_log SET detail = '{"forged":true}' WHERE id = 3`).run()
    const job = await move(desk)
    expect(job).toMatchObject({ phase: 'done', verification: { auditBrokenInFile: 3, auditIntact: false } })
    await desk.close()
    cleanups.pop()
    const hall = await hallDesk(dir.dir, fakeClock(), schema)
    await ok(hall, 'admin', 'auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
    await addUser(hall, 'a1', 'auditor', 'U001')
    expect(await ok(hall, 'a1', 'audit.verify', {})).toMatchObject({ ok: false, firstBrokenId: 3 })
  }, 120_000)
})

function tempDirFor(): string {
  const d = tempDir()
  cleanups.push(d.remove)
  return d.dir
}

// The list of moved tables is the schema's: a table added by a migration must be added to the move.
describe('the tables a move copies', () => {
  it('are every table of the schema but the derived search index', async () => {
    const dir = tempDirFor()
    const core = await openCore({ dataDir: dir, scryptN: 2 ** 10 })
    cleanups.push(() => core.close())
    const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'visit_search%'`.execute(core.connection.db)
    expect(MOVED_TABLES.map((t) => t.name).sort()).toEqual(rows.map((r) => r.name).sort())
  })
})
