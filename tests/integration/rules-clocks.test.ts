import { describe, expect } from 'vitest'
import type { RpcResult } from '../../shared/rpc/result'
import type { CaseDetail } from '../../shared/cases/types'
import type { CaseStepInput } from '../../shared/cases/schemas'
import type { Routing } from '../../shared/domain'
import { HALL_SETTINGS, it, type TestCore } from './fixtures'
import { call, ok, validIntake } from './helpers'

// The fake clock starts on Sunday 22 November 2026 (hall time). A case accepted that day has
// 60 days of handling: 22 Nov + 60 → Thursday 21 January 2027, a working day.
const VISITOR = '420106196503120311'
it.override({ settings: HALL_SETTINGS, users: { r1: ['receptionist', 'R001'], d1: ['duty_officer', 'D001'] } })

async function register(core: TestCore, routing: Routing = 'accepted', overrides: Parameters<typeof validIntake>[1] = {}): Promise<string> {
  return (await ok(core, 'r1', 'intake.register', validIntake(VISITOR, { routing, ...(routing === 'assigned' ? { unitId: 1 } : {}), ...overrides }))).caseNumber
}
const act = (core: TestCore, caseNumber: string, step: CaseStepInput): Promise<RpcResult<CaseDetail>> => call(core, 'd1', 'cases.act', { caseNumber, step })
const get = (core: TestCore, caseNumber: string) => ok(core, 'd1', 'cases.get', { caseNumber })
const on = (core: TestCore, day: string) => core.clock.set(`${day}T02:00:00.000Z`)
const handling = (d: CaseDetail) => d.clocks.find((k) => k.key === 'handling')

function fieldKey(r: RpcResult<unknown>): { key: string; message: string } {
  if (r.ok) throw new Error('expected a refusal, the call succeeded')
  const f = r.error.fields?.[0]
  return { key: f?.key ?? r.error.key, message: f?.message ?? r.error.message }
}

describe('an overdue case that is paused stays overdue', () => {
  it('paused on 1 February 2027 after the 21 January end: case page, 督办 and 按期办结率 all keep 21 January', async ({ core }) => {
    const n = await register(core, 'assigned')
    on(core, '2027-02-01')
    expect((await act(core, n, { action: 'pause', note: '等待听证' })).ok).toBe(true)
    const detail = await get(core, n)
    expect(handling(detail)).toMatchObject({ due: '2027-01-21', paused: false, daysLeft: -11 })
    expect(detail.paused).toBe(true)
    const view = await ok(core, 'd1', 'cases.supervision', { unitId: null, categoryId: null, today: null })
    expect(view.rows.find((r) => r.caseNumber === n)).toMatchObject({ dueDate: '2027-01-21', daysLeft: -11, paused: true })
    expect(view.counts).toMatchObject({ overdue: 1, paused: 1 })
    // Closed on 5 February while still paused: late, not "on time because paused".
    on(core, '2027-02-05')
    expect((await act(core, n, { action: 'close', result: '已答复' })).ok).toBe(true)
    const stats = await ok(core, 'd1', 'reports.statistics', { from: '2027-02-01', to: '2027-02-05' })
    expect(stats.onTimeClosing).toMatchObject({ numerator: 0, denominator: 1 })
    expect(handling(await get(core, n))).toMatchObject({ due: '2027-01-21', doneOn: '2027-02-05' })
    // and the resume is still possible: the case's pause is its own state.
  })

  it('a pause begun while the clock ran and a close during it: the pause counts up to the close, in time on the page and in statistics', async ({ core }) => {
    const n = await register(core, 'assigned')
    on(core, '2027-01-11')
    await act(core, n, { action: 'pause', note: '听证' })
    // 20 days paused (11–30 January) → 21 Jan + 20 = 10 February, in the Spring Festival break
    // (5–12 February 2027), then the weekend → Monday 15 February.
    on(core, '2027-01-31')
    expect((await act(core, n, { action: 'close', result: '已答复' })).ok).toBe(true)
    expect(handling(await get(core, n))).toMatchObject({ due: '2027-02-15', doneOn: '2027-01-31' })
    const stats = await ok(core, 'd1', 'reports.statistics', { from: '2027-01-31', to: '2027-01-31' })
    expect(stats.onTimeClosing).toMatchObject({ numerator: 1, denominator: 1 })
    const stored = core.connection.raw.prepare('SELECT closed_due_date FROM visits WHERE case_number = ?').pluck().get(n)
    expect(stored).toBe('2027-02-15')
  })

  it('a paused overdue case can still be resumed', async ({ core }) => {
    const n = await register(core, 'assigned')
    on(core, '2027-02-01')
    await act(core, n, { action: 'pause', note: '听证' })
    on(core, '2027-02-03')
    expect((await act(core, n, { action: 'resume', note: '' })).ok).toBe(true)
    expect((await get(core, n)).paused).toBe(false)
  })
})

describe('交办 after 受理 does not restart the handling clock', () => {
  it('accepted 22 November, assigned 10 December: handling still runs from 22 November to 21 January', async ({ core }) => {
    const n = await register(core, 'accepted')
    on(core, '2026-12-10')
    expect((await act(core, n, { action: 'assign', unitId: 1, note: '' })).ok).toBe(true)
    expect(handling(await get(core, n))).toMatchObject({ start: '2026-11-22', due: '2027-01-21' })
  })
})

describe('the extension: at most 30 days, nothing typed changed silently', () => {
  it('45 days is refused with a message naming 30; 0 days is refused, not made 1', async ({ core }) => {
    const n = await register(core, 'assigned')
    await act(core, n, { action: 'start', note: '' })
    const long = fieldKey(await act(core, n, { action: 'extend', days: 45, reason: '需现场勘查' }))
    expect(long.message).toContain('30')
    const zero = fieldKey(await act(core, n, { action: 'extend', days: 0, reason: '需现场勘查' }))
    expect(zero.key).toBe('v.case.extensionDays')
    expect((await get(core, n)).extensionDays).toBeNull()
    expect((await act(core, n, { action: 'extend', days: 30, reason: '需现场勘查' })).ok).toBe(true)
    // 22 Nov + 60 → 21 Jan 2027, + 30 → Saturday 20 February, a 调休 working day (春节), so it stands.
    expect(handling(await get(core, n))?.due).toBe('2027-02-20')
  })

  it('the hall setting cannot go above 30; a hall limit of 20 refuses 25 naming 20', async ({ core }) => {
    const settings = await ok(core, 'admin', 'settings.get', {})
    const refusedSettings = await call(core, 'admin', 'settings.update', { address: '中北路1号', phone: '027-88886666', receiptLayout: 'a5', receiptPrinter: null, idleLockMinutes: 0, deadlineRules: { ...settings.deadlineRules, extensionMax: 31 } })
    expect(fieldKey(refusedSettings).message).toContain('30')
    await ok(core, 'admin', 'settings.update', { address: '中北路1号', phone: '027-88886666', receiptLayout: 'a5', receiptPrinter: null, idleLockMinutes: 0, deadlineRules: { ...settings.deadlineRules, extensionMax: 20 } })
    const n = await register(core, 'assigned')
    await act(core, n, { action: 'start', note: '' })
    expect(fieldKey(await act(core, n, { action: 'extend', days: 25, reason: '需现场勘查' })).message).toContain('20')
  })
})

describe('late steps need a written reason, recorded on the timeline', () => {
  it('an extension asked on 25 January, after the 21 January end, is refused without a reason and recorded with one', async ({ core }) => {
    const n = await register(core, 'assigned')
    await act(core, n, { action: 'start', note: '' })
    on(core, '2027-01-25')
    const r = fieldKey(await act(core, n, { action: 'extend', days: 30, reason: '需现场勘查' }))
    expect(r.key).toBe('v.case.lateReasonRequired')
    expect(r.message).toContain('2027年1月21日')
    expect((await act(core, n, { action: 'extend', days: 30, reason: '需现场勘查', lateReason: '承办人病假，未及时报批' })).ok).toBe(true)
    const e = (await get(core, n)).events.find((x) => x.action === 'extend')
    expect(e?.data).toMatchObject({ lateReason: '承办人病假，未及时报批', lateDue: '2027-01-21' })
  })

  it('a 复查 request after its 30-day window needs a reason: closed 1 December, window to 31 December, asked 5 January', async ({ core }) => {
    const n = await register(core, 'accepted')
    on(core, '2026-12-01')
    await act(core, n, { action: 'close', result: '已答复' })
    on(core, '2027-01-05')
    expect(fieldKey(await act(core, n, { action: 'requestReview', note: '' })).key).toBe('v.case.lateReasonRequired')
    expect((await act(core, n, { action: 'requestReview', note: '', lateReason: '来访人住院，有医院证明' })).ok).toBe(true)
    const e = (await get(core, n)).events.find((x) => x.action === 'requestReview')
    expect(e?.data).toMatchObject({ lateReason: '来访人住院，有医院证明', lateDue: '2026-12-31' })
  })

  it('a 复核 request within its window needs no reason, and the window is on the case page', async ({ core }) => {
    const n = await register(core, 'accepted')
    on(core, '2026-12-01')
    await act(core, n, { action: 'close', result: '已答复' })
    await act(core, n, { action: 'requestReview', note: '' })
    on(core, '2026-12-10')
    await act(core, n, { action: 'review', result: '维持原意见' })
    // 10 December + 30 → Saturday 9 January 2027 → Monday 11 January.
    expect((await get(core, n)).clocks.find((k) => k.key === 'recheckRequest')).toMatchObject({ start: '2026-12-10', due: '2027-01-11', visitorSide: true })
    on(core, '2027-01-11')
    expect((await act(core, n, { action: 'requestRecheck', note: '' })).ok).toBe(true)
  })
})

describe('当场办结 needs 办理结果', () => {
  it('is refused without a result text, and stores the result given', async ({ core }) => {
    const refused = await call(core, 'r1', 'intake.register', validIntake(VISITOR, { routing: 'resolved', routingReason: '' }))
    expect(fieldKey(refused).key).toBe('v.routing.resultRequired')
    const n = await register(core, 'resolved', { routingReason: '当场解释政策，来访人表示理解' })
    expect((await get(core, n)).result).toBe('当场解释政策，来访人表示理解')
  })
})
