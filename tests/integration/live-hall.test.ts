import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import type { LiveEvent } from '../../shared/live/changes'
import { TEST_DATABASE, addUser, fakeClock, freshSchema, hallOptions, ok, setUpHall, tempDir, testCore, validIntake } from './helpers'

// PostgreSQL only: two desks on one hall database hear each other's commits through
// LISTEN/NOTIFY (on SQLite there is one desk, whose channel live-changes.test.ts covers).
const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

// Skipped without INTAKE_DESK_TEST_DATABASE: there is no hall database to listen on (CI always sets it).
describe.skipIf(TEST_DATABASE === undefined)('two desks on one hall database', () => {
  it('a registration on desk 1 is heard on desk 2 within 2 s, by its case number', async () => {
    const { schema, drop } = await freshSchema()
    cleanup.push(drop)
    const clock = fakeClock()
    const open = async (): Promise<Core> => {
      const dir = tempDir()
      const core = await testCore(dir.dir, clock, hallOptions(schema, clock))
      cleanup.push(async () => {
        await core.close()
        dir.remove()
      })
      return core
    }
    const one = await open()
    await setUpHall(one)
    await addUser(one, 'r1', 'receptionist', 'R001')
    const two = await open()
    const heard: LiveEvent[] = []
    two.changes.subscribe((e) => heard.push(e))
    const started = Date.now()
    const { caseNumber } = await ok(one, 'r1', 'intake.register', validIntake())
    for (let i = 0; i < 200 && !heard.some((e) => e.kind === 'changes'); i += 1) await new Promise((r) => setTimeout(r, 10))
    expect(heard).toContainEqual({ kind: 'changes', changes: [{ topic: 'visit', ids: [caseNumber] }] })
    expect(Date.now() - started).toBeLessThan(2000)
  })
})
