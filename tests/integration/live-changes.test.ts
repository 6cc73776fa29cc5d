import { join } from 'node:path'
import { describe, expect } from 'vitest'
import { DATABASE_FILE } from '../../electron/paths'
import { openSqlite } from '../../electron/db/cipher'
import { databaseKeyIn } from '../../electron/services/keys/hall-secret'
import type { LiveEvent } from '../../shared/live/changes'
import { test } from './fixtures'
import { ENGINE, call, ok, validIntake } from './helpers'

// What the pages hear: one event per committed change, naming what changed, and nothing for a
// write that was rolled back. The check of "committed" is a second connection to the same file,
// which sees only committed rows: it must already see the row when the event arrives.

type Heard = { event: LiveEvent; visitsSeen: number; casesOpen: number }

const it = test.extend<{ heard: Heard[] }>({
  // Every test listens from the start, whether it reads what was heard or not.
  heard: [
    async ({ core, dir }, use) => {
      const reader = openSqlite(join(dir, DATABASE_FILE), databaseKeyIn(dir), { readonly: true })
      const heard: Heard[] = []
      core.changes.subscribe((event) => {
        const visitsSeen = (reader.prepare('select count(*) as n from visits').get() as { n: number }).n
        const casesOpen = (reader.prepare("select count(*) as n from visits where status = 'in_progress'").get() as { n: number }).n
        heard.push({ event, visitsSeen, casesOpen })
      })
      try {
        await use(heard)
      } finally {
        reader.close()
      }
    },
    { auto: true },
  ],
})
it.override('users', { r1: ['receptionist', 'R001'], duty: ['duty_officer', 'D001'] })

// SQLite only: "committed" is checked through a second connection to the desk's file; on
// PostgreSQL live-hall.test.ts checks that another desk hears the commit.
describe.skipIf(ENGINE === 'postgres')('the change channel', () => {
  it('announces a registration by its case number once it has committed', async ({ core, heard }) => {
    const { caseNumber } = await ok(core, 'r1', 'intake.register', validIntake())
    expect(heard).toEqual([{ event: { kind: 'changes', changes: [{ topic: 'visit', ids: [caseNumber] }] }, visitsSeen: 1, casesOpen: 0 }])
  })

  it('announces nothing for a registration that was rolled back', async ({ core, heard }) => {
    // The day's counter is taken first, then the unknown category fails the transaction.
    const refused = await call(core, 'r1', 'intake.register', validIntake(undefined, { categoryId: 999 }))
    expect(refused.ok).toBe(false)
    expect(heard).toEqual([])
    // The counter went back with it: the next registration still gets number 0001.
    const { caseNumber } = await ok(core, 'r1', 'intake.register', validIntake())
    expect(caseNumber).toMatch(/-0001$/)
    expect(heard.map((h) => h.event)).toEqual([{ kind: 'changes', changes: [{ topic: 'visit', ids: [caseNumber] }] }])
  })

  it('announces a step on a case after it committed, and not a refused step', async ({ core, heard }) => {
    const { caseNumber } = await ok(core, 'r1', 'intake.register', validIntake())
    heard.length = 0
    // 复查 of a case nobody asked to review: refused inside the transaction, nothing written.
    const refused = await call(core, 'duty', 'cases.act', { caseNumber, step: { action: 'review', result: '维持' } })
    expect(refused.ok).toBe(false)
    expect(heard).toEqual([])
    await ok(core, 'duty', 'cases.act', { caseNumber, step: { action: 'assign', unitId: 1, note: '交办' } })
    await ok(core, 'duty', 'cases.act', { caseNumber, step: { action: 'start', note: '已签收' } })
    expect(heard.map((h) => h.event)).toEqual([
      { kind: 'changes', changes: [{ topic: 'case', ids: [caseNumber] }] },
      { kind: 'changes', changes: [{ topic: 'case', ids: [caseNumber] }] },
    ])
    // When the 办理中 step was announced, another connection already saw the case in hand.
    expect(heard[1]?.casesOpen).toBe(1)
  })

  it('announces hall data by id, and nothing for a name already taken', async ({ core, heard }) => {
    const unit = await ok(core, 'admin', 'units.add', { name: '市水务局' })
    const taken = await call(core, 'admin', 'units.add', { name: '市水务局' })
    expect(taken.ok).toBe(false)
    expect(heard.map((h) => h.event)).toEqual([{ kind: 'changes', changes: [{ topic: 'unit', ids: [String(unit.id)] }] }])
  })

  it('announces a holiday change and the open cases whose due dates it recomputed', async ({ core, heard }) => {
    const { caseNumber } = await ok(core, 'r1', 'intake.register', validIntake())
    heard.length = 0
    // The admin chose to move the open cases too: their pages re-read (every case: the change moved them all).
    await ok(core, 'admin', 'holidays.put', { date: '2026-12-01', kind: 'holiday', name: '调休', applyToOpenCases: true })
    expect(heard.map((h) => h.event)).toEqual([
      { kind: 'changes', changes: [{ topic: 'holiday', ids: ['2026-12-01'] }] },
      { kind: 'changes', changes: [{ topic: 'case', ids: null }] },
    ])
    expect((await ok(core, 'r1', 'cases.get', { caseNumber })).caseNumber).toBe(caseNumber)
  })

  it('announces only the holiday when the open cases keep their due dates', async ({ core, heard }) => {
    await ok(core, 'r1', 'intake.register', validIntake())
    heard.length = 0
    await ok(core, 'admin', 'holidays.put', { date: '2026-12-02', kind: 'holiday', name: '调休' })
    expect(heard.map((h) => h.event)).toEqual([{ kind: 'changes', changes: [{ topic: 'holiday', ids: ['2026-12-02'] }] }])
  })

  it('announces a settings change, and nothing for one refused', async ({ core, heard }) => {
    const form = { address: '', phone: '', receiptLayout: 'a4', receiptPrinter: null, idleLockMinutes: 10 } as const
    const refused = await call(core, 'admin', 'settings.update', { ...form, hallCode: 'W1' })
    expect(refused.ok).toBe(false)
    expect(heard).toEqual([])
    await ok(core, 'admin', 'settings.update', { ...form, address: '武汉市江岸区沿江大道 1 号' })
    expect(heard.map((h) => h.event)).toEqual([{ kind: 'changes', changes: [{ topic: 'settings', ids: null }] }])
  })
})
