import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { writtenDate } from '../../shared/deadlines'
import type { NoticeKind } from '../../shared/domain'
import type { CaseDetail } from '../../shared/cases/types'
import type { IntakeInput } from '../../shared/intake/schemas'
import { emptyIntake } from '../../shared/intake/schemas'
import { apiClient } from './api'
import { ADMIN, SCREENSHOTS, expect, signIn, test } from './fixtures'

// Issue #11: each notice rendered to PDF in Chromium and read back with pdftotext — the case
// number, the dates (written out, as the deadline engine gives them), the unit or the competent
// body, the seal area (盖章处, 年 月 日) — and the full ID number nowhere. Pages saved as PNG to be
// looked at as the visitor who takes them home would.
const OUT = join(SCREENSHOTS, 'notices')
const ID = '420106196503120311'
const MASKED = '420106********0311'
const COURT = '武昌区人民法院'
const COURT_CONTACT = '武昌区中山路 100 号立案大厅，电话 027-88880000'
const BUREAU = '武昌区住房和城市更新局'
const BUREAU_CONTACT = '武昌区民主路 8 号，电话 027-88871234'

function intake(idNumber: string, extra: Partial<IntakeInput>): IntakeInput {
  const answer = (text: string) => ({ text, mark: null, reason: '' })
  return {
    ...emptyIntake(),
    shows: { badge: true, name: true, position: true },
    showsConfirmedAt: new Date().toISOString(),
    visitor: { name: '欧阳淑芬', noId: false, idNumber, noIdReason: '', phone: '13712345678', address: '武汉市武昌区中南路 12 号' },
    answers: {
      facts: answer('小区旁工地夜间施工，噪声持续到凌晨两点，已两个月。'),
      demands: answer('要求施工单位停止夜间施工并赔偿损失。'),
      difficulties: answer('家中老人失眠，孩子无法学习。'),
      history: answer('首次来访。'),
      priorHandling: answer('曾拨打 12345 热线，未解决。'),
    },
    categoryId: 4,
    routing: 'accepted',
    ...extra,
  }
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
const due = (d: CaseDetail, key: string) => d.clocks.find((k) => k.key === key)?.due ?? ''
const day = (iso: string) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })

test('the eight notices print to PDF with the case number, dates in words, the unit or body, a seal area and no full ID number', async ({ page, host }) => {
  test.setTimeout(180_000)
  mkdirSync(OUT, { recursive: true })
  const api = apiClient(host)
  await api.ok('app.setup', { hallName: '武汉市信访局接待大厅', hallCode: 'WH', admin: { ...ADMIN, confirmPassword: ADMIN.password } })
  await api.ok('settings.update', { address: '武汉市武昌区中北路1号', phone: '027-88886666', receiptLayout: 'a4', receiptPrinter: null, idleLockMinutes: 10 })
  const unit = (await api.ok('units.list', { includeRetired: false }))[0]
  if (unit === undefined) throw new Error('no unit')

  // One case through 受理 → 延期 → 办结 → 复查 → 复核; one 交办, one 转送, one 不予受理.
  const main = (await api.ok('intake.register', intake(ID, {}))).caseNumber
  const act = (caseNumber: string, step: Parameters<typeof api.ok<'cases.act'>>[1]['step']) => api.ok('cases.act', { caseNumber, step })
  const accepted = await api.ok('cases.get', { caseNumber: main })
  await act(main, { action: 'start', note: '' })
  const extended = await act(main, { action: 'extend', days: 30, reason: '需现场监测夜间噪声', lateReason: '' })
  const closed = await act(main, { action: 'close', result: '已责令施工单位停止夜间施工，并协调赔偿事宜。' })
  await act(main, { action: 'requestReview', note: '', lateReason: '' })
  const reviewed = await act(main, { action: 'review', result: '维持原处理意见。' })
  await act(main, { action: 'requestRecheck', note: '', lateReason: '' })
  const rechecked = await act(main, { action: 'recheck', result: '复核维持复查意见。' })
  const assignedNo = (await api.ok('intake.register', intake('110105198807300426', {}))).caseNumber
  const assigned = await act(assignedNo, { action: 'assign', unitId: unit.id, note: '' })
  const transferredNo = (
    await api.ok('intake.register', intake('330105195201010173', { routing: 'transferred', routingBody: BUREAU, routingContact: BUREAU_CONTACT, routingReason: '属住房保障职责范围' }))
  ).caseNumber
  const rejectedNo = (await api.ok('intake.register', intake('610602200002290263', { routing: 'rejected', routingBody: COURT, routingContact: COURT_CONTACT, routingReason: '该事项已进入诉讼程序' }))).caseNumber
  const registeredOn = writtenDate(day(accepted.registeredAt))

  // What each notice must say, from the rule: the dates the deadline engine gave, written out.
  const expected: { kind: NoticeKind; caseNumber: string; must: string[] }[] = [
    { kind: 'accepted', caseNumber: main, must: ['受理告知书', writtenDate(due(accepted, 'handling'))] },
    { kind: 'extended', caseNumber: main, must: ['延期告知书', '需现场监测夜间噪声', '30 日', writtenDate(due(extended, 'handling'))] },
    { kind: 'closed', caseNumber: main, must: ['办理意见书', '已责令施工单位停止夜间施工', writtenDate(due(closed, 'reviewRequest'))] },
    { kind: 'reviewed', caseNumber: main, must: ['复查意见书', '维持原处理意见', writtenDate(due(reviewed, 'recheckRequest'))] },
    { kind: 'rechecked', caseNumber: main, must: ['复核意见书', '复核维持复查意见', '不再受理'] },
    { kind: 'assigned', caseNumber: assignedNo, must: ['交办告知', unit.name, writtenDate(due(assigned, 'handling'))] },
    { kind: 'transferred', caseNumber: transferredNo, must: ['转送告知书', BUREAU, BUREAU_CONTACT, registeredOn] },
    { kind: 'rejected', caseNumber: rejectedNo, must: ['不予受理告知书', COURT, COURT_CONTACT, '该事项已进入诉讼程序', registeredOn] },
  ]
  expect(rechecked.notices.suggested).toBe('rechecked')

  for (const { kind, caseNumber, must } of expected) {
    for (const layout of ['a4', 'a5'] as const) {
      const printed = await api.ok('receipts.browserPrint', { caseNumber, layout, document: kind })
      await api.ok('receipts.complete', { printId: printed.printId })
      await page.setContent(printed.html)
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      const file = join(OUT, `${kind}-${layout}.pdf`)
      writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }))
      const flat = pdfText(file).replace(/\s+/g, '')
      expect(flat, `${kind} ${layout}`).toContain(caseNumber)
      for (const s of must) expect(flat, `${kind} ${layout}: ${s}`).toContain(s.replace(/\s+/g, ''))
      for (const s of ['武汉市信访局接待大厅', '（盖章处）', '年月日', '欧阳淑芬']) expect(flat, `${kind} ${layout}: ${s}`).toContain(s)
      // The full ID number nowhere, not in the PDF's text nor in the HTML it was made from.
      for (const id of [ID, '110105198807300426', '330105195201010173', '610602200002290263']) {
        expect(flat).not.toContain(id)
        expect(printed.html).not.toContain(id)
      }
      // One page: a notice is one sheet the visitor takes home.
      const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]
      expect(pages, `${kind} ${layout} pages`).toBe('1')
      execFileSync('pdftoppm', ['-r', '70', '-png', '-singlefile', file, file.replace(/\.pdf$/, '')])
    }
  }
  expect(MASKED).not.toBe(ID)

  // The case page offers the notice of the step just taken and lists those printed.
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.goto(host.url)
  await signIn(page, ADMIN.badgeNo, ADMIN.password)
  await page.goto(`${host.url}#/case/${main}`)
  await expect(page.getByTestId('notice-suggested')).toHaveText(/打印复核意见书/)
  const list = page.getByTestId('case-notices')
  await expect(list.getByRole('row')).toHaveCount(1 + 10)
  await expect(list.getByRole('row').filter({ hasText: '延期告知书' })).toHaveCount(2)
  await page.screenshot({ path: join(OUT, 'case-page-1366.png'), fullPage: true })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.screenshot({ path: join(OUT, 'case-page-1920.png'), fullPage: true })
})
