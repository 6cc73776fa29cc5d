import { describe, expect } from 'vitest'
import type { RpcResult } from '../../shared/rpc/result'
import type { TestCore } from './fixtures'
import { HALL_SETTINGS, it } from './fixtures'
import { addUser, call, ok, validIntake } from './helpers'

// 个人信息保存期限 (issue #12, PIPL art. 19 and 47): a closed case keeps its visitor's personal
// data for the hall's period; past it an administrator purges it in two confirmed steps (the
// second one the typed count), all or none, audited. The case number, category, status and the
// statistics remain. Vectors: closed on Sunday 22 November 2026 with a 6-month period, the case
// is due on 22 May 2027 (cutoff 22 November 2026) and not on 21 May 2027 (cutoff 21 November).
const FIRST = '420106196503120311'
const SECOND = '110105198807300426'
// Months pass in these tests: HALL_SETTINGS has no idle lock.
it.override({ settings: HALL_SETTINGS, users: { r1: ['receptionist', 'R001'], d1: ['duty_officer', 'D001'] } })

const key = (r: RpcResult<unknown>) => (r.ok ? 'ok' : (r.error.fields?.[0]?.key ?? r.error.key))

async function closedAndOpen(core: TestCore): Promise<{ closed: string; open: string }> {
  const closed = (await ok(core, 'r1', 'intake.register', validIntake(FIRST, { routing: 'accepted' }))).caseNumber
  const open = (await ok(core, 'r1', 'intake.register', validIntake(SECOND, { routing: 'accepted' }))).caseNumber
  await ok(core, 'd1', 'cases.act', { caseNumber: closed, step: { action: 'close', result: '已督促施工单位修复排水管网' } })
  await ok(core, 'admin', 'retention.update', { months: 6 })
  return { closed, open }
}

describe('个人信息保存期限', () => {
  it('defaults to 36 months and refuses a period under 6 or over 360 months', async ({ core }) => {
    expect((await ok(core, 'admin', 'retention.due', {})).months).toBe(36)
    expect(key(await call(core, 'admin', 'retention.update', { months: 5 }))).toBe('v.retention.months')
    expect(key(await call(core, 'admin', 'retention.update', { months: 361 }))).toBe('v.retention.months')
    expect((await ok(core, 'admin', 'retention.due', {})).months).toBe(36)
  })

  it('lists a closed case once the full period has passed since it was closed, never an open one', async ({ core }) => {
    const { closed } = await closedAndOpen(core)
    core.clock.set('2027-05-21T02:00:00.000Z')
    expect(await ok(core, 'admin', 'retention.due', {})).toMatchObject({ months: 6, cutoffDay: '2026-11-21', cases: [], total: 0 })
    core.clock.set('2027-05-22T02:00:00.000Z')
    const due = await ok(core, 'admin', 'retention.due', {})
    expect(due.cutoffDay).toBe('2026-11-22')
    expect(due.cases.map((c) => c.caseNumber)).toEqual([closed])
    expect(due.total).toBe(1)
  })

  it('purges all or none: a wrong typed count or a case not yet due changes nothing', async ({ core }) => {
    const { closed, open } = await closedAndOpen(core)
    core.clock.set('2027-05-22T02:00:00.000Z')
    expect(key(await call(core, 'admin', 'retention.purge', { caseNumbers: [closed], confirmCount: 2 }))).toBe('v.retention.confirmMismatch')
    expect(key(await call(core, 'admin', 'retention.purge', { caseNumbers: [closed, open], confirmCount: 2 }))).toBe('e.RETENTION_NOT_DUE')
    expect((await ok(core, 'd1', 'cases.get', { caseNumber: closed })).visitor.name).toBe('吕建国')
    expect(key(await call(core, 'd1', 'retention.purge', { caseNumbers: [closed], confirmCount: 1 }))).toBe('e.FORBIDDEN')
  })

  it('removes the visitor’s personal data and keeps the case, its category, its steps and the count', async ({ core }) => {
    const { closed, open } = await closedAndOpen(core)
    core.clock.set('2027-05-22T02:00:00.000Z')
    expect(await ok(core, 'admin', 'retention.purge', { caseNumbers: [closed], confirmCount: 1 })).toEqual({ purged: 1 })

    const c = await ok(core, 'd1', 'cases.get', { caseNumber: closed })
    expect(c.visitor).toMatchObject({ name: '（已清除）', maskedIdNumber: '', maskedPhone: '', address: '', birthDate: null, sex: null })
    expect(Object.values(c.answers).map((a) => a.text)).toEqual(['', '', '', '', ''])
    expect(c.status).toBe('closed')
    expect(c.category).toBe('城乡建设·市政设施')
    // Nothing finds the visitor any more: not the ID number, not the name, not the words of the answers.
    expect((await ok(core, 'r1', 'intake.history', { idNumber: FIRST })).visitor).toBeNull()
    expect((await ok(core, 'd1', 'cases.search', { query: '吕建国', by: 'auto' })).rows.map((r) => r.caseNumber)).toEqual([open])
    expect((await ok(core, 'd1', 'cases.search', { query: '排水', by: 'auto' })).rows.map((r) => r.caseNumber)).toEqual([open])
    // The open case keeps everything; the purge is not offered again.
    expect((await ok(core, 'd1', 'cases.get', { caseNumber: open })).visitor.name).toBe('吕建国')
    expect(await ok(core, 'admin', 'retention.due', {})).toMatchObject({ cases: [], total: 0, purged: 1 })
    expect(key(await call(core, 'admin', 'retention.purge', { caseNumbers: [closed], confirmCount: 1 }))).toBe('e.RETENTION_PURGED')
  })

  it('is audited with the cases purged and the period', async ({ core }) => {
    const { closed } = await closedAndOpen(core)
    core.clock.set('2027-05-22T02:00:00.000Z')
    await ok(core, 'admin', 'retention.purge', { caseNumbers: [closed], confirmCount: 1 })
    await addUser(core, 'au', 'auditor', 'S001')
    const page = await ok(core, 'au', 'audit.list', { userId: null, action: null, from: null, to: null, limit: 50, offset: 0 })
    const purge = page.rows.find((r) => r.action === 'retention.purge')
    expect(purge).toBeDefined()
    expect(JSON.parse(purge?.detail ?? '{}')).toEqual({ count: 1, retentionMonths: 6, cutoffDay: '2026-11-22', caseNumbers: [closed] })
    expect(page.rows.some((r) => r.action === 'retention.update')).toBe(true)
  })
})
