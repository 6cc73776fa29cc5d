import { describe, expect } from 'vitest'
import type { RpcResult } from '../../shared/rpc/result'
import { it, type TestCore } from './fixtures'
import { call, ok, validIntake } from './helpers'

const ID = '420106196503120311'
const MASKED = '420106********0311'

it.override({ coreOptions: { desk: '3号窗口' }, users: { r1: ['receptionist', 'R001'], d1: ['duty_officer', 'D001'] } })

interface AuditRow {
  at: string
  user_id: number
  action: string
  entity_id: string | null
  detail: string
}
function audit(core: TestCore, action: string): AuditRow[] {
  return core.connection.raw.prepare('SELECT at, user_id, action, entity_id, detail FROM audit_log WHERE action = ? ORDER BY id').all(action) as AuditRow[]
}
function userId(core: TestCore, badgeNo: string): number {
  return core.connection.raw.prepare('SELECT id FROM users WHERE badge_no = ?').pluck().get(badgeNo) as number
}
function key(result: RpcResult<unknown>): string {
  return result.ok ? 'ok' : result.error.key
}

describe('a lookup by full ID number (PIPL)', () => {
  it('intake.history records who, when, at which desk and the masked number, found or not', async ({ core }) => {
    await ok(core, 'r1', 'intake.history', { idNumber: ID })
    await ok(core, 'r1', 'intake.register', validIntake(ID))
    core.clock.advance(60_000)
    await ok(core, 'r1', 'intake.history', { idNumber: '420106196503120311' })
    const rows = audit(core, 'visitor.lookupIdNumber')
    expect(rows).toHaveLength(2)
    expect(rows.map((r) => r.user_id)).toEqual([userId(core, 'R001'), userId(core, 'R001')])
    expect(rows[1]?.at).toBe('2026-11-22T02:01:00.000Z')
    expect(rows.map((r) => JSON.parse(r.detail) as unknown)).toEqual([
      { idNumber: MASKED, desk: '3号窗口', via: 'intake.history', found: 0 },
      { idNumber: MASKED, desk: '3号窗口', via: 'intake.history', found: 1 },
    ])
    for (const r of rows) expect(r.detail).not.toContain(ID)
  })

  it('a search by ID number is recorded; a search by name is not a lookup by ID', async ({ core }) => {
    await ok(core, 'r1', 'intake.register', validIntake(ID))
    const found = await ok(core, 'd1', 'cases.search', { query: ID, by: 'auto' })
    expect(found.by).toBe('idNumber')
    await ok(core, 'd1', 'cases.search', { query: '吕建国', by: 'name' })
    const rows = audit(core, 'visitor.lookupIdNumber')
    expect(rows).toHaveLength(1)
    expect(rows[0]?.user_id).toBe(userId(core, 'D001'))
    expect(JSON.parse(rows[0]!.detail)).toEqual({ idNumber: MASKED, desk: '3号窗口', via: 'cases.search', found: 1 })
  })

  it('an invalid ID number looks nothing up and records nothing', async ({ core }) => {
    expect(key(await call(core, 'r1', 'intake.history', { idNumber: '420106196503120312' }))).toMatch(/^v\.idNumber\./)
    expect(audit(core, 'visitor.lookupIdNumber')).toEqual([])
  })
})

describe('revealing a full ID number and phone', () => {
  it('asks for a reason, and keeps it in the audit trail', async ({ core }) => {
    const { caseNumber } = await ok(core, 'r1', 'intake.register', validIntake(ID))
    expect(key(await call(core, 'd1', 'cases.revealIdentity', { caseNumber, reason: '' }))).toBe('e.REVEAL_REASON')
    expect(key(await call(core, 'd1', 'cases.revealIdentity', { caseNumber, reason: '看看' }))).toBe('e.REVEAL_REASON')
    expect(audit(core, 'visitor.viewIdNumber')).toEqual([])

    const shown = await ok(core, 'd1', 'cases.revealIdentity', { caseNumber, reason: '电话回访前核对号码' })
    expect(shown).toEqual({ idNumber: ID, phone: '13700002222' })
    const rows = audit(core, 'visitor.viewIdNumber')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ user_id: userId(core, 'D001'), entity_id: caseNumber })
    expect(JSON.parse(rows[0]!.detail)).toEqual({ reason: '电话回访前核对号码', desk: '3号窗口', fields: ['idNumber', 'phone'] })
  })
})

// Each of the characters the issue lists, which show as nothing on screen.
const INVISIBLE = ['\u061C', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\u00AD', '\u180E', '\u3164', '\uFFF9', '\uFFFA', '\uFFFB', '\u{E0000}', '\u{E0041}', '\u{E007F}', '\u034F']

describe('text cleaning', () => {
  it('removes every listed invisible character from the stored visitor name, answers and printer name', async ({ core }) => {
    const hidden = INVISIBLE.join('')
    const intake = validIntake(ID)
    intake.visitor.name = `吕${hidden}建国`
    intake.answers.facts.text = `排水${hidden}堵塞，雨天地下室积水。`
    const { caseNumber } = await ok(core, 'r1', 'intake.register', intake)
    const stored = core.connection.raw.prepare('SELECT visitor_name, facts FROM visits WHERE case_number = ?').get(caseNumber)
    expect(stored).toEqual({ visitor_name: '吕建国', facts: '排水堵塞，雨天地下室积水。' })

    const settings = await ok(core, 'admin', 'settings.update', {
      address: '',
      phone: '',
      receiptLayout: 'a4',
      receiptPrinter: `前台${hidden}打印机`,
      idleLockMinutes: 10,
    })
    expect(settings.receiptPrinter).toBe('前台打印机')
    expect(core.connection.raw.prepare('SELECT receipt_printer FROM hall').pluck().get()).toBe('前台打印机')
  })

  it('refuses a lone surrogate as broken text with a Chinese message, and stores nothing', async ({ core }) => {
    const visits = () => core.connection.raw.prepare('SELECT count(*) FROM visits').pluck().get()
    for (const broken of ['吕\uD83D建国', '吕建国\uDE00', '\uDC00']) {
      const intake = validIntake(ID)
      intake.visitor.name = broken
      const result = await call(core, 'r1', 'intake.register', intake)
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.error.fields?.find((f) => f.path === 'visitor.name')?.message).toMatch(/损坏的字符/)
    }
    expect(visits()).toBe(0)
    const printer = await call(core, 'admin', 'settings.update', { address: '', phone: '', receiptLayout: 'a4', receiptPrinter: 'HP\uD800', idleLockMinutes: 10 })
    expect(key(printer)).toBe('v.brokenText')
    // A well-formed pair (a rare character outside the BMP, an emoji) is kept.
    const intake = validIntake(ID)
    intake.visitor.name = '𠀀建国'
    const { caseNumber } = await ok(core, 'r1', 'intake.register', intake)
    expect(core.connection.raw.prepare('SELECT visitor_name FROM visits WHERE case_number = ?').pluck().get(caseNumber)).toBe('𠀀建国')
  })
})
