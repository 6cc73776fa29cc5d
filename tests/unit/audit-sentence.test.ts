import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { en } from '../../shared/i18n/en'
import { zhCN } from '../../shared/i18n/zh-CN'
import { auditSentence } from '../../renderer/pages/audit/audit-labels'

// Issue 13: the audit log reads as Chinese sentences with their details, never JSON with English
// keys; the idle lock reads 自动锁定. Expected texts written from the issue, not from the code.
const i18n = i18next.createInstance()
beforeAll(async () => {
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false } })
})
const row = (userName: string | null, action: string, entity: string | null, entityId: string | null, detail: object) => ({
  userName,
  action,
  entity,
  entityId,
  detail: JSON.stringify(detail),
})
const say = (r: ReturnType<typeof row>) => auditSentence(i18n.t.bind(i18n), r)

describe('audit entries as sentences', () => {
  it('a registration: 李接待 登记 WH-20261202-0003, with kind, headcount and routing in words', () => {
    const s = say(row('李接待', 'intake.register', 'visit', 'WH-20261202-0003', { kind: 'group', headcount: 8, categoryId: 3, routing: 'accepted' }))
    expect(s.sentence).toBe('李接待 登记 WH-20261202-0003')
    expect(s.details).toBe('类型：集体；人数：8；类别编号：3；办理方式：受理')
  })

  it('a full ID number shown: 王值班 查看完整身份证号 WH-…，原因：…', () => {
    const s = say(row('王值班', 'visitor.viewIdNumber', 'visit', 'WH-20261202-0003', { reason: '核对来访人身份', desk: 'DESK-1', fields: ['idNumber', 'phone'] }))
    expect(s.sentence).toBe('王值班 查看完整身份证号 WH-20261202-0003，原因：核对来访人身份')
    expect(s.details).toBe('工位：DESK-1；内容：身份证号、联系电话')
  })

  it('the idle lock is 自动锁定, a lock by hand is 锁定屏幕', () => {
    expect(say(row('李接待', 'auth.lock', 'user', '2', { reason: 'idle' })).sentence).toBe('李接待 自动锁定 用户 2')
    expect(say(row('李接待', 'auth.lock', 'user', '2', { reason: 'manual' })).sentence).toBe('李接待 锁定屏幕 用户 2')
  })

  it('a change lists only what changed, before → after', () => {
    const before = { name: '大厅', idleLockMinutes: 10, backupFolder: null, deadlineRules: { a: 1 } }
    const after = { name: '大厅', idleLockMinutes: 5, backupFolder: '/data/backup', deadlineRules: { a: 1 } }
    const s = say(row('周建华', 'settings.update', 'hall', '1', { before, after }))
    expect(s.sentence).toBe('周建华 修改大厅设置 大厅 1')
    expect(s.details).toBe('空闲自动锁定（分钟）：10 → 5；备份文件夹：— → /data/backup')
  })

  it('never shows an English key or a brace, for every action the services write', () => {
    const rows = [
      row('周建华', 'user.create', 'user', '2', { after: { badgeNo: 'R001', name: '李接待', position: '接待员', role: 'receptionist' } }),
      row('周建华', 'user.update', 'user', '2', { badgeNo: 'R001', before: { role: 'receptionist', disabled: false }, after: { role: 'duty_officer', disabled: false } }),
      row('王值班', 'receipt.reprint', 'visit', 'WH-20261202-0003', { printId: 4, copyNo: 2, target: 'printer', printer: 'HP', layout: 'a4', document: 'receipt' }),
      row(null, 'auth.signIn.failed', null, null, { badgeNo: 'X9', reason: 'unknown' }),
      row('王值班', 'visitor.lookupIdNumber', 'visitor', null, { idNumber: '420106********0311', desk: 'DESK-1', via: 'cases.search', found: 2 }),
      row('周建华', 'report.export', 'report', null, { kind: 'log', format: 'xlsx', from: '2026-12-01', to: '2026-12-02', rows: 12 }),
    ]
    for (const r of rows) {
      const s = say(r)
      expect(`${s.sentence} ${s.details}`, r.action).not.toMatch(/[{}"]|\b(badgeNo|printId|copyNo|before|after|receptionist|printer|idNumber|via|found|kind|format)\b/)
    }
    expect(say(rows[1] ?? rows[0]!).details).toBe('工号：R001；角色：接待员 → 值班员')
  })
})
