import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import { describe, expect } from 'vitest'
import { DATABASE_FILE } from '../../electron/paths'
import { cachingDatabase } from '../../electron/db/connection'
import { it, type TestCore } from './fixtures'
import { ok, validIntake } from './helpers'

it.override('users', { r1: ['receptionist', 'R001'] })

const walBytes = (dir: string) => statSync(join(dir, `${DATABASE_FILE}-wal`), { throwIfNoEntry: false })?.size ?? 0
const segments = (core: TestCore) =>
  core.connection.raw.prepare('SELECT count(DISTINCT segid) FROM visit_search_idx').pluck().get() as number

async function registerMany(core: TestCore, n: number, between: () => void | Promise<void>): Promise<string[]> {
  const numbers: string[] = []
  for (let i = 0; i < n; i++) {
    core.clock.advance(60_000)
    numbers.push((await ok(core, 'r1', 'intake.register', validIntake())).caseNumber)
    await between()
  }
  return numbers
}

describe('the database housekeeping between registrations', () => {
  it('keeps the search index to a few segments, and every case findable, with merging off inside the transaction', async ({ core }) => {
    const raw = core.connection.raw
    expect(raw.prepare("SELECT v FROM visit_search_config WHERE k = 'automerge'").pluck().get()).toBe(0)
    await registerMany(core, 40, () => core.maintenance.step())
    // Each registration's transaction writes one segment; the steps merge them as they come.
    expect(segments(core)).toBeLessThanOrEqual(4)
    const found = await ok(core, 'r1', 'cases.search', { query: '排水系统', by: 'text' })
    expect(found.rows.length).toBe(40)
  })

  it('without the steps the segments pile up (up to FTS5’s crisis merge at 16): the check above can fail', async ({ core }) => {
    await registerMany(core, 12, () => undefined)
    expect(segments(core)).toBe(12)
  })

  it('folds the WAL back so it stays small through a day of registrations, and empties it on close', async ({ core, dir }) => {
    await registerMany(core, 100, () => core.maintenance.step())
    const withSteps = walBytes(dir)
    await registerMany(core, 100, () => undefined)
    const withoutSteps = walBytes(dir)
    expect(withSteps).toBeLessThan(withoutSteps / 2)
    await core.close()
    expect(walBytes(dir)).toBe(0)
  })

  it('writes nothing on an idle desk: a step with nothing to merge or fold back leaves the WAL as it is', async ({ core, dir }) => {
    await registerMany(core, 40, () => core.maintenance.step())
    core.maintenance.step({ checkpoint: true })
    // The WAL header's salt changes whenever the WAL starts afresh; the frame count whenever anything is written.
    const walState = () => ({
      salt: readFileSync(join(dir, `${DATABASE_FILE}-wal`)).subarray(16, 24).toString('hex'),
      frames: (core.connection.raw.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]?.log,
    })
    const before = walState()
    for (let i = 0; i < 5; i++) core.maintenance.step({ checkpoint: true })
    expect(walState()).toEqual(before)
  })

  it('runs by itself shortly after a registration, once the transaction is over', async ({ core }) => {
    await registerMany(core, 8, () => new Promise((resolve) => setTimeout(resolve, 300)))
    expect(segments(core)).toBeLessThanOrEqual(2)
  })
})

describe('the statement cache Kysely runs on', () => {
  it('reuses a statement by its SQL, gives a busy one’s caller a fresh one, and keeps only the newest', () => {
    const raw = new BetterSqlite3(':memory:')
    const db = cachingDatabase(raw, 2)
    const a = db.prepare('SELECT 1')
    expect(db.prepare('SELECT 1')).toBe(a)
    const iterating = db.prepare('SELECT value FROM json_each(?)') as BetterSqlite3.Statement
    const rows = iterating.iterate('[1,2,3]')
    rows.next()
    const second = db.prepare('SELECT value FROM json_each(?)')
    expect(second).not.toBe(iterating)
    expect(second.all(['[4]'])).toEqual([{ value: 4 }])
    rows.return?.()
    db.prepare('SELECT 2')
    db.prepare('SELECT 3')
    expect(db.prepare('SELECT 1')).not.toBe(a)
    db.close()
    expect(raw.open).toBe(false)
  })
})
