import { describe, expect } from 'vitest'
import { HALL_SETTINGS, it } from './fixtures'
import { call, ok, validIntake } from './helpers'

// Registered Sunday 22 November 2026: written notice due 22 Nov + 15 → Monday 7 December 2026;
// handling 22 Nov + 60 → Thursday 21 January 2027.
const VISITOR = '420106196503120311'
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '')

it.override({ settings: HALL_SETTINGS, users: { r1: ['receptionist', 'R001'], d1: ['duty_officer', 'D001'] } })

describe('告知书 and the receipt state the dates in words', () => {
  it('the receipt of an accepted case states the notice and handling deadlines; the stub has a seal area', async ({ core }) => {
    const { caseNumber } = await ok(core, 'r1', 'intake.register', validIntake(VISITOR, { routing: 'accepted' }))
    const t = text((await ok(core, 'd1', 'receipts.preview', { caseNumber, layout: 'a5' })).html)
    expect(t).toContain('本机关将于 2026年12月7日 前书面告知您是否受理')
    expect(t).toContain('2027年1月21日 前办结')
    expect(t).toContain('盖章处')
  })

  it('受理告知书: case number, handling date in words, seal area, no ID number; 复查意见书 refused before the review', async ({ core }) => {
    const { caseNumber } = await ok(core, 'r1', 'intake.register', validIntake(VISITOR, { routing: 'accepted' }))
    const html = (await ok(core, 'd1', 'receipts.preview', { caseNumber, layout: 'a4', document: 'accepted' })).html
    const t = text(html)
    for (const s of ['受理告知书', caseNumber, '2026年11月22日', '2027年1月21日', '盖章处', '年　　月　　日']) expect(t).toContain(s)
    expect(html).not.toContain(VISITOR)
    expect(html).not.toContain('0311')
    const early = await call(core, 'd1', 'receipts.preview', { caseNumber, layout: 'a4', document: 'reviewed' })
    expect(early.ok || early.error.key).toBe('e.NOTICE_NOT_DUE')
  })

  it('不予受理告知书 names the reason and the competent body; 办理意见书 says by when to ask for 复查', async ({ core }) => {
    const rejected = await ok(core, 'r1', 'intake.register', validIntake(VISITOR, { routing: 'rejected', routingBody: '武昌区人民法院', routingContact: '武昌区中山路 100 号，电话 027-88880000', routingReason: '该事项已进入诉讼程序' }))
    const r = text((await ok(core, 'd1', 'receipts.preview', { caseNumber: rejected.caseNumber, layout: 'a5', document: 'rejected' })).html)
    expect(r).toContain('不予受理告知书')
    expect(r).toContain('该事项已进入诉讼程序')
    expect(r).toContain('武昌区人民法院')
    const accepted = await ok(core, 'r1', 'intake.register', validIntake('110105198807300426', { routing: 'accepted' }))
    core.clock.set('2026-12-01T02:00:00.000Z')
    await ok(core, 'd1', 'cases.act', { caseNumber: accepted.caseNumber, step: { action: 'close', result: '已督促施工单位修复排水管网' } })
    // Closed 1 December 2026 + 30 → Thursday 31 December 2026.
    const c = text((await ok(core, 'd1', 'receipts.preview', { caseNumber: accepted.caseNumber, layout: 'a4', document: 'closed' })).html)
    expect(c).toContain('已督促施工单位修复排水管网')
    expect(c).toContain('2026年12月31日 前，请求原办理机关、单位的上一级机关、单位复查')
  })

  it('a printed notice is recorded with its document and its own copy number', async ({ core }) => {
    const { caseNumber } = await ok(core, 'r1', 'intake.register', validIntake(VISITOR, { routing: 'accepted' }))
    const p = await ok(core, 'd1', 'receipts.browserPrint', { caseNumber, layout: 'a4', document: 'accepted' })
    expect(p.copyNo).toBe(1)
    await ok(core, 'd1', 'receipts.complete', { printId: p.printId })
    const again = await ok(core, 'd1', 'receipts.browserPrint', { caseNumber, layout: 'a4', document: 'accepted' })
    expect(again.copyNo).toBe(2)
    const detail = await ok(core, 'd1', 'cases.get', { caseNumber })
    expect(detail.prints.map((x) => x.document)).toContain('accepted')
  })
})
