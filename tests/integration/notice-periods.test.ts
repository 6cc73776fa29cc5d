import { describe, expect } from 'vitest'
import { DEFAULT_DEADLINE_RULES } from '../../shared/deadlines'
import type { TestCore } from './fixtures'
import { HALL_SETTINGS, it } from './fixtures'
import { ok, validIntake } from './helpers'

// A notice states the periods the case runs on, not the regulation's defaults written into the
// text: a hall whose province sets shorter periods prints its own, and a case registered before a
// change of the rules keeps printing the periods it was told (DESIGN.md §3: a change applies to
// cases registered afterwards).
//
// Vectors (the fake clock starts on Sunday 22 November 2026; the day of registration is not counted):
// - handling 45 days: 22 Nov + 45 → Wednesday 6 January 2027, a working day;
// - handling 60 days: 22 Nov + 60 → Thursday 21 January 2027;
// - 复查 request 20 days from a 办结 on Tuesday 1 December 2026 → Monday 21 December 2026.
const BASE = HALL_SETTINGS
const SHORTER = { ...DEFAULT_DEADLINE_RULES, handling: 45, extensionMax: 20, reviewRequest: 20, recheckRequest: 20 }
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '')

it.override({ settings: HALL_SETTINGS, users: { r1: ['receptionist', 'R001'], d1: ['duty_officer', 'D001'] } })

const notice = async (core: TestCore, caseNumber: string, document: 'accepted' | 'closed') => text((await ok(core, 'd1', 'receipts.preview', { caseNumber, layout: 'a4', document })).html)

describe('the periods a notice states', () => {
  it('are the hall’s own: 45 days to handle, at most 20 more, 20 days to ask for 复查', async ({ core }) => {
    await ok(core, 'admin', 'settings.update', { ...BASE, deadlineRules: SHORTER })
    const { caseNumber } = await ok(core, 'r1', 'intake.register', validIntake('420106196503120311', { routing: 'accepted' }))
    const accepted = await notice(core, caseNumber, 'accepted')
    expect(accepted).toContain('本机关将自受理之日起 45 日内，即于 2027年1月6日 前办结并书面答复您')
    expect(accepted).toContain('延长期限不得超过 20 日')
    expect(accepted).not.toContain('60 日')

    core.clock.set('2026-12-01T02:00:00.000Z')
    await ok(core, 'd1', 'cases.act', { caseNumber, step: { action: 'close', result: '已督促施工单位修复排水管网' } })
    expect(await notice(core, caseNumber, 'closed')).toContain('可以自收到本意见书之日起 20 日内，即于 2026年12月21日 前')
  })

  it('stay those the case was registered under after the rules change', async ({ core }) => {
    const before = (await ok(core, 'r1', 'intake.register', validIntake('420106196503120311', { routing: 'accepted' }))).caseNumber
    await ok(core, 'admin', 'settings.update', { ...BASE, deadlineRules: SHORTER })
    const after = (await ok(core, 'r1', 'intake.register', validIntake('110105198807300426', { routing: 'accepted' }))).caseNumber
    expect(await notice(core, before, 'accepted')).toContain('自受理之日起 60 日内，即于 2027年1月21日 前')
    expect(await notice(core, before, 'accepted')).toContain('延长期限不得超过 30 日')
    expect(await notice(core, after, 'accepted')).toContain('自受理之日起 45 日内，即于 2027年1月6日 前')
  })
})
