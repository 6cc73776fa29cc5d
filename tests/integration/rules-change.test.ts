import { describe, expect } from 'vitest'
import { DEFAULT_DEADLINE_RULES } from '../../shared/deadlines'
import type { CaseDetail } from '../../shared/cases/types'
import { it, type TestCore } from './fixtures'
import { ENGINE, call, ok, validIntake } from './helpers'

// DESIGN.md §3: "A change of the rules or holidays applies to cases registered afterwards, and to
// open cases only when an admin chooses so." The settings page says how many open cases the change
// would move, and moving them happens in the same transaction as the change.
//
// Vectors (the fake clock starts on Sunday 22 November 2026, hall time; the day of registration is
// not counted):
// - handling 60 days: 22 Nov + 60 → Thursday 21 January 2027, a working day;
// - handling 90 days: 22 Nov + 90 → Saturday 20 February 2027, a 调休 working day (春节), so it stands;
// - handling 70 days: 22 Nov + 70 → Sunday 31 January 2027, a 调休 working day (春节), so it stands;
// - a holiday put on 21 January 2027 moves a 60-day end to Friday 22 January.
const BASE = { address: '中北路1号', phone: '027-88886666', receiptLayout: 'a5' as const, receiptPrinter: null, idleLockMinutes: 0 }
const IDS = ['420106196503120311', '110105198807300426', '330105195201010173']

it.override({ settings: BASE, users: { r1: ['receptionist', 'R001'], d1: ['duty_officer', 'D001'] } })

let visitor = 0
async function register(core: TestCore): Promise<string> {
  return (await ok(core, 'r1', 'intake.register', validIntake(IDS[visitor++ % IDS.length], { routing: 'accepted' }))).caseNumber
}
const get = (core: TestCore, caseNumber: string) => ok(core, 'd1', 'cases.get', { caseNumber })
const handlingDue = (d: CaseDetail) => d.clocks.find((k) => k.key === 'handling')?.due
const supervisionDue = async (core: TestCore, n: string) => (await ok(core, 'd1', 'cases.supervision', { unitId: null, categoryId: null, today: null })).rows.find((r) => r.caseNumber === n)?.dueDate
const rules = (handling: number) => ({ ...DEFAULT_DEADLINE_RULES, handling })

describe('a change of the deadline rules', () => {
  it('applies to cases registered afterwards; an open case keeps its 60 days unless the admin chooses to move it', async ({ core }) => {
    const before = await register(core)
    expect(handlingDue(await get(core, before))).toBe('2027-01-21')

    // The page asks first: one open case, and 90 days would move its end.
    expect(await ok(core, 'admin', 'settings.rulesImpact', { deadlineRules: rules(90) })).toEqual({ openCases: 1, moved: 1 })
    await ok(core, 'admin', 'settings.update', { ...BASE, deadlineRules: rules(90) })

    // Not chosen: the case registered before keeps 21 January, on its page and in 督办.
    expect(handlingDue(await get(core, before))).toBe('2027-01-21')
    expect(await supervisionDue(core, before)).toBe('2027-01-21')
    // Registered afterwards: 90 days, 20 February.
    const after = await register(core)
    expect(handlingDue(await get(core, after))).toBe('2027-02-20')
    expect(await supervisionDue(core, after)).toBe('2027-02-20')

    // 70 days would move both (the first is on 60, the second on 90); chosen, both end 31 January.
    expect(await ok(core, 'admin', 'settings.rulesImpact', { deadlineRules: rules(70) })).toEqual({ openCases: 2, moved: 2 })
    // Going back to 90 would move only the first (the second is on 90 already).
    expect(await ok(core, 'admin', 'settings.rulesImpact', { deadlineRules: rules(90) })).toEqual({ openCases: 2, moved: 1 })
    await ok(core, 'admin', 'settings.update', { ...BASE, deadlineRules: rules(70), applyToOpenCases: true })
    for (const n of [before, after]) {
      expect(handlingDue(await get(core, n))).toBe('2027-01-31')
      expect(await supervisionDue(core, n)).toBe('2027-01-31')
    }
  })

  it('a closed case is not counted and not moved; a change no open clock uses moves nothing', async ({ core }) => {
    const closed = await register(core)
    core.clock.set('2026-12-01T02:00:00.000Z')
    expect((await call(core, 'd1', 'cases.act', { caseNumber: closed, step: { action: 'close', result: '已答复' } })).ok).toBe(true)
    const open = await register(core)
    // The 复核 opinion period runs on no case: nothing would move.
    expect(await ok(core, 'admin', 'settings.rulesImpact', { deadlineRules: { ...DEFAULT_DEADLINE_RULES, recheckOpinion: 20 } })).toEqual({ openCases: 1, moved: 0 })
    expect(await ok(core, 'admin', 'settings.rulesImpact', { deadlineRules: rules(90) })).toEqual({ openCases: 1, moved: 1 })
    await ok(core, 'admin', 'settings.update', { ...BASE, deadlineRules: rules(90), applyToOpenCases: true })
    // Registered 1 December: 1 Dec + 90 → Monday 1 March 2027.
    expect(handlingDue(await get(core, open))).toBe('2027-03-01')
    // Closed on 1 December against 21 January: its handling clock and its 复查 window are as they were.
    const closedDetail = await get(core, closed)
    expect(handlingDue(closedDetail)).toBe('2027-01-21')
    expect(closedDetail.clocks.find((k) => k.key === 'reviewRequest')?.due).toBe('2026-12-31')
  })

  // Reads the row with the SQLite handle; the PostgreSQL run skips it.
  it.skipIf(ENGINE === 'postgres')('the audit row says whether open cases were moved and how many', async ({ core }) => {
    await register(core)
    await ok(core, 'admin', 'settings.update', { ...BASE, deadlineRules: rules(90), applyToOpenCases: true })
    const row = core.connection.raw
      .prepare("SELECT detail FROM audit_log WHERE action = 'settings.update' ORDER BY id DESC LIMIT 1")
      .pluck()
      .get() as string
    expect(JSON.parse(row)).toMatchObject({ applyToOpenCases: true, movedOpenCases: 1 })
  })

  it('a refused change (extension above 30 days) moves nothing, even when applying was chosen', async ({ core }) => {
    const n = await register(core)
    const r = await call(core, 'admin', 'settings.update', { ...BASE, deadlineRules: { ...rules(90), extensionMax: 31 }, applyToOpenCases: true })
    expect(r.ok).toBe(false)
    expect(handlingDue(await get(core, n))).toBe('2027-01-21')
    expect((await ok(core, 'admin', 'settings.get', {})).deadlineRules.handling).toBe(60)
  })
})

describe('a change of the holiday calendar', () => {
  const holiday = { date: '2027-01-21', kind: 'holiday' as const, name: '测试假日' }

  it('a holiday on an open case’s last day moves it only when chosen; a case registered afterwards gets it', async ({ core }) => {
    const before = await register(core)
    expect(await ok(core, 'admin', 'holidays.impact', { put: [holiday], remove: [] })).toEqual({ openCases: 1, moved: 1 })
    await ok(core, 'admin', 'holidays.put', holiday)
    expect(handlingDue(await get(core, before))).toBe('2027-01-21')
    const after = await register(core)
    // Registered afterwards, under the new calendar: 21 January is a holiday → Friday 22 January.
    expect(handlingDue(await get(core, after))).toBe('2027-01-22')

    // Removing it again, chosen for open cases: both end on 21 January.
    expect(await ok(core, 'admin', 'holidays.impact', { put: [], remove: [holiday.date] })).toEqual({ openCases: 2, moved: 1 })
    await ok(core, 'admin', 'holidays.remove', { date: holiday.date, applyToOpenCases: true })
    for (const n of [before, after]) {
      expect(handlingDue(await get(core, n))).toBe('2027-01-21')
      expect(await supervisionDue(core, n)).toBe('2027-01-21')
    }
  })

  it('chosen at once: the open case moves to 22 January in the same step', async ({ core }) => {
    const n = await register(core)
    await ok(core, 'admin', 'holidays.put', { ...holiday, applyToOpenCases: true })
    expect(handlingDue(await get(core, n))).toBe('2027-01-22')
    expect(await supervisionDue(core, n)).toBe('2027-01-22')
  })
})
