import { describe, expect } from 'vitest'
import { it } from './fixtures'
import { call, ok, validIntake } from './helpers'

it.override('users', { d1: ['duty_officer', 'D001'] })

describe('hall settings', () => {
  it('renames the hall, changes the code for future case numbers and the three-shows labels on receipts', async ({ core }) => {
    const first = await ok(core, 'd1', 'intake.register', validIntake())
    const settings = await ok(core, 'admin', 'settings.update', {
      hallName: '江岸区信访接待中心',
      hallCode: 'ja',
      showLabels: ['亮身份', '亮职责', '亮承诺'],
      address: '',
      phone: '',
      receiptLayout: 'a5',
      receiptPrinter: null,
      idleLockMinutes: 5,
    })
    expect(settings).toMatchObject({ name: '江岸区信访接待中心', code: 'JA', showLabels: ['亮身份', '亮职责', '亮承诺'], idleLockMinutes: 5 })
    const second = await ok(core, 'd1', 'intake.register', validIntake('110105198807300426'))
    expect(first.caseNumber).toBe('WH-20261122-0001')
    expect(second.caseNumber).toBe('JA-20261122-0002')
    const status = await ok(core, 'd1', 'app.status', {})
    expect(status.hall?.showLabels).toEqual(['亮身份', '亮职责', '亮承诺'])
    const preview = await ok(core, 'd1', 'receipts.preview', { caseNumber: second.caseNumber })
    expect(preview.html).toContain('亮承诺')
    expect(preview.html).toContain('江岸区信访接待中心')
    const audit = core.connection.raw.prepare("select detail from audit_log where action = 'settings.update'").pluck().get() as string
    expect(JSON.parse(audit)).toMatchObject({ before: { code: 'WH' }, after: { code: 'JA' } })
  })

  it('refuses a bad hall code, and a duty officer may not change settings', async ({ core }) => {
    const bad = await call(core, 'admin', 'settings.update', { hallCode: 'W1', address: '', phone: '', receiptLayout: 'a4', receiptPrinter: null, idleLockMinutes: 10 })
    expect(bad.ok || bad.error.message).toBe('大厅代码须为 2–6 个大写英文字母，例如 WH。')
    const officer = await call(core, 'd1', 'settings.update', { address: '', phone: '', receiptLayout: 'a4', receiptPrinter: null, idleLockMinutes: 10 })
    expect(officer.ok || officer.error.code).toBe('FORBIDDEN')
  })
})
