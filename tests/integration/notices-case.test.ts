import { describe, expect } from 'vitest'
import type { RpcResult } from '../../shared/rpc/result'
import type { CaseStepInput } from '../../shared/cases/schemas'
import { HALL_SETTINGS, it, type TestCore } from './fixtures'
import { call, ok, validIntake } from './helpers'

// Issue #11: "The case page offers the notice that fits the step just taken, and lists the notices
// printed"; "不予受理告知书 (the reason, and the competent body with how to reach it)" (DESIGN §3:
// a refusal that does not say where to go instead is the complaint users make most).
const VISITOR = '420106196503120311'
const COURT = '武昌区人民法院'
const CONTACT = '武昌区中山路 100 号立案大厅，电话 027-88880000'
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '')

it.override({ settings: HALL_SETTINGS, users: { r1: ['receptionist', 'R001'], d1: ['duty_officer', 'D001'] } })

const get = (core: TestCore, caseNumber: string) => ok(core, 'd1', 'cases.get', { caseNumber })
const act = (core: TestCore, caseNumber: string, step: CaseStepInput) => ok(core, 'd1', 'cases.act', { caseNumber, step })
function fieldOf(r: RpcResult<unknown>): { path: string; message: string } {
  if (r.ok) throw new Error('expected a refusal, the call succeeded')
  const f = r.error.fields?.[0]
  return { path: f?.path ?? '', message: f?.message ?? r.error.message }
}

describe('the case page offers the notice of the step just taken', () => {
  it('受理 → 受理告知书; 延期 → 延期告知书; 办结 → 办理意见书; a step owing no notice (开始办理) keeps the last one', async ({ core }) => {
    const { caseNumber } = await ok(core, 'r1', 'intake.register', validIntake(VISITOR, { routing: 'accepted' }))
    expect((await get(core, caseNumber)).notices).toEqual({ suggested: 'accepted', available: ['accepted'] })
    await act(core, caseNumber, { action: 'start', note: '' })
    expect((await get(core, caseNumber)).notices.suggested).toBe('accepted')
    await act(core, caseNumber, { action: 'extend', days: 30, reason: '需现场勘查' })
    expect((await get(core, caseNumber)).notices).toEqual({ suggested: 'extended', available: ['accepted', 'extended'] })
    await act(core, caseNumber, { action: 'close', result: '已督促施工单位修复排水管网' })
    expect((await get(core, caseNumber)).notices).toEqual({ suggested: 'closed', available: ['accepted', 'extended', 'closed'] })
  })

  it('交办 → 交办告知; 当场办结 → 办理意见书; 转送 at registration → 转送告知书', async ({ core }) => {
    const a = await ok(core, 'r1', 'intake.register', validIntake(VISITOR, { routing: 'accepted' }))
    await act(core, a.caseNumber, { action: 'assign', unitId: 1, note: '' })
    expect((await get(core, a.caseNumber)).notices.suggested).toBe('assigned')
    const r = await ok(core, 'r1', 'intake.register', validIntake('110105198807300426', { routing: 'resolved' }))
    expect((await get(core, r.caseNumber)).notices).toEqual({ suggested: 'closed', available: ['closed'] })
    const t = await ok(core, 'r1', 'intake.register', validIntake('330105195201010173', { routing: 'transferred', routingBody: '武昌区住房和城市更新局', routingReason: '属住房保障职责' }))
    expect((await get(core, t.caseNumber)).notices).toEqual({ suggested: 'transferred', available: ['transferred'] })
  })

  it('the notices printed are listed with the document, copy number, who and when', async ({ core }) => {
    const { caseNumber } = await ok(core, 'r1', 'intake.register', validIntake(VISITOR, { routing: 'accepted' }))
    core.clock.set('2026-11-22T03:00:00.000Z')
    const p = await ok(core, 'd1', 'receipts.browserPrint', { caseNumber, layout: 'a4', document: 'accepted' })
    await ok(core, 'd1', 'receipts.complete', { printId: p.printId })
    const printed = (await get(core, caseNumber)).prints.filter((x) => x.document === 'accepted')
    expect(printed).toEqual([expect.objectContaining({ copyNo: 1, userName: '用户D001', requestedAt: '2026-11-22T03:00:00.000Z', status: 'succeeded' })])
  })
})

describe('a notice reprinted later states what it told then', () => {
  it('受理告知书 printed after a 30-day 延期 still says 60 days from 受理: 21 January 2027, not 20 February', async ({ core }) => {
    // Accepted 22 Nov 2026: + 60 → 21 Jan 2027; extended by 30 → Saturday 20 Feb 2027 (a 调休 working day).
    const { caseNumber } = await ok(core, 'r1', 'intake.register', validIntake(VISITOR, { routing: 'accepted' }))
    await act(core, caseNumber, { action: 'start', note: '' })
    await act(core, caseNumber, { action: 'extend', days: 30, reason: '需现场勘查' })
    const accepted = text((await ok(core, 'd1', 'receipts.preview', { caseNumber, layout: 'a4', document: 'accepted' })).html)
    expect(accepted).toContain('即于 2027年1月21日 前办结')
    expect(accepted).not.toContain('2027年2月20日')
    const extended = text((await ok(core, 'd1', 'receipts.preview', { caseNumber, layout: 'a4', document: 'extended' })).html)
    expect(extended).toContain('2027年2月20日 前办结')
  })
})

describe('不予受理 names the competent body and how to reach it', () => {
  it('the step is refused without the contact, saying what to fill; given, it is stored and printed', async ({ core }) => {
    const { caseNumber } = await ok(core, 'r1', 'intake.register', validIntake(VISITOR, { routing: 'accepted' }))
    const refused = await call(core, 'd1', 'cases.act', { caseNumber, step: { action: 'reject', body: COURT, contact: '', reason: '已进入诉讼程序' } })
    expect(fieldOf(refused).path).toBe('step.contact')
    expect(fieldOf(refused).message).toContain('联系方式')
    await act(core, caseNumber, { action: 'reject', body: COURT, contact: CONTACT, reason: '已进入诉讼程序' })
    const detail = await get(core, caseNumber)
    expect(detail).toMatchObject({ routingBody: COURT, routingContact: CONTACT })
    expect(detail.notices.suggested).toBe('rejected')
    const notice = text((await ok(core, 'd1', 'receipts.preview', { caseNumber, layout: 'a4', document: 'rejected' })).html)
    expect(notice).toContain(COURT)
    expect(notice).toContain(CONTACT)
    expect(notice).toContain('已进入诉讼程序')
  })

  it('at registration too: 不予受理 without the contact is refused on that field; with it, printed', async ({ core }) => {
    const refused = await call(core, 'r1', 'intake.register', validIntake(VISITOR, { routing: 'rejected', routingBody: COURT, routingReason: '已进入诉讼程序' }))
    expect(fieldOf(refused).path).toBe('routingContact')
    expect(fieldOf(refused).message).toContain('联系方式')
    const { caseNumber } = await ok(core, 'r1', 'intake.register', validIntake(VISITOR, { routing: 'rejected', routingBody: COURT, routingContact: CONTACT, routingReason: '已进入诉讼程序' }))
    const notice = text((await ok(core, 'd1', 'receipts.preview', { caseNumber, layout: 'a5', document: 'rejected' })).html)
    expect(notice).toContain(CONTACT)
  })
})
