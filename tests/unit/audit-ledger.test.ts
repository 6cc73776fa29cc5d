import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { en } from '../../shared/i18n/en'
import { zhCN } from '../../shared/i18n/zh-CN'
import { auditSentence } from '../../renderer/pages/audit/audit-labels'

// Issue 11: every print and save of the 台账 is audited, and the audit viewer says which in words
// (who, what, the period, rows and pages), in both languages. Expected texts written from the issue.
const i18n = i18next.createInstance()
beforeAll(async () => {
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false } })
})
const print = { userName: '周建华', action: 'report.print', entity: 'report', entityId: '台账_2026-12-02', detail: JSON.stringify({ kind: 'log', target: 'browser', from: '2026-12-01', to: '2026-12-02', rows: 36 }) }
const save = { userName: '周建华', action: 'report.export', entity: 'report', entityId: '台账_2026-12-02.pdf', detail: JSON.stringify({ kind: 'log', format: 'pdf', from: '2026-12-01', to: '2026-12-02', rows: 36, pages: 5 }) }

describe('the 台账 in the audit viewer', () => {
  it('a print through the browser dialog: 周建华 打印台账, with the period and the rows', async () => {
    await i18n.changeLanguage('zh-CN')
    const s = auditSentence(i18n.t.bind(i18n), print)
    expect(s.sentence).toBe('周建华 打印台账 报表 台账_2026-12-02')
    expect(s.details).toBe('类型：台账；输出：浏览器打印；起：2026-12-01；止：2026-12-02；行数：36')
  })

  it('a PDF saved: 周建华 导出报表, with the format, the rows and the pages', async () => {
    await i18n.changeLanguage('zh-CN')
    expect(auditSentence(i18n.t.bind(i18n), save).details).toBe('类型：台账；格式：PDF；起：2026-12-01；止：2026-12-02；行数：36；页数：5')
  })

  it('in English too', async () => {
    await i18n.changeLanguage('en')
    const s = auditSentence(i18n.t.bind(i18n), print)
    expect(s.sentence).toContain('Ledger printed')
    expect(auditSentence(i18n.t.bind(i18n), save).details).toMatch(/Kind: ledger; Format: PDF; .*Pages: 5$/)
  })
})
