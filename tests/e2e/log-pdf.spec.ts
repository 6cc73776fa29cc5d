import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { IntakeInput } from '../../shared/intake/schemas'
import { emptyIntake } from '../../shared/intake/schemas'
import { apiClient } from './api'
import { ADMIN, SCREENSHOTS, expect, signIn, test } from './fixtures'

// Issue #11: the printed 台账 (A4 landscape) keeps a case number, a name and a masked ID each on
// one line, repeats the header row on every page, numbers the pages (第 N 页 共 M 页), shows the
// period and the figures on the first page and prints a total line. Checked with long names and
// more rows than a page holds, rendered to PDF in Chromium and read with `pdftotext -layout`.
const OUT = join(SCREENSHOTS, 'log')
// Valid GB 11643 numbers of the fixtures; each visitor registers several times.
const IDS = ['420106196503120311', '110105198807300426', '330105195201010173', '610602200002290263']
// Long names (a minority name with its separator, a four-character surname), the kind that wraps.
const NAMES = ['阿卜杜热合曼·买买提明', '欧阳司马诸葛明远', '爱新觉罗·毓嶦华', '买买提江·吐尔逊']
const ROWS = 36

function intake(i: number): IntakeInput {
  const answer = (text: string) => ({ text, mark: null, reason: '' })
  return {
    ...emptyIntake(),
    shows: { badge: true, name: true, position: true },
    showsConfirmedAt: new Date().toISOString(),
    visitor: { name: NAMES[i % NAMES.length] ?? '', noId: false, idNumber: IDS[i % IDS.length] ?? '', noIdReason: '', phone: '', address: '武汉市武昌区中南路 12 号' },
    answers: {
      facts: answer('小区旁工地夜间施工，噪声持续到凌晨两点，已持续两个月，多次反映未果。'),
      demands: answer('要求施工单位停止夜间施工，赔偿因噪声造成的损失，并公开施工许可和噪声监测结果。'),
      difficulties: answer('家中老人失眠。'),
      history: answer('首次来访。'),
      priorHandling: answer('曾拨打 12345 热线。'),
    },
    categoryId: 4,
    routing: 'accepted',
  }
}

test('the printed 台账 and the PDF the browser host saves: one line per case number, name and masked ID; header on every page; page numbers; period, figures and a total', async ({ page, host }) => {
  test.setTimeout(180_000)
  mkdirSync(OUT, { recursive: true })
  const api = apiClient(host)
  await api.ok('app.setup', { hallName: '武汉市信访局接待大厅', hallCode: 'WH', admin: { ...ADMIN, confirmPassword: ADMIN.password } })
  await api.ok('settings.update', { address: '武汉市武昌区中北路1号', phone: '027-88886666', receiptLayout: 'a4', receiptPrinter: null, idleLockMinutes: 10 })
  const numbers: string[] = []
  for (let i = 0; i < ROWS; i++) numbers.push((await api.ok('intake.register', intake(i))).caseNumber)
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })

  const { html } = await api.ok('reports.logHtml', { from: today, to: today })
  await page.setContent(html)
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  const printed = join(OUT, 'log.pdf')
  writeFileSync(printed, await page.pdf({ preferCSSPageSize: true, printBackground: true }))
  checkLog(printed, numbers, today)
  pageImages(printed, 'log-page')

  // The browser host saves the same 台账 as a PDF file (the machine's Chromium renders it on the
  // host side): a download, not the print dialog.
  await page.goto(host.url)
  await signIn(page, ADMIN.badgeNo, ADMIN.password)
  await page.getByRole('menuitem', { name: '台账与统计' }).click()
  await page.getByRole('button', { name: '今天', exact: true }).click()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 PDF/ }).click()])
  expect(download.suggestedFilename()).toBe(`台账_${today}.pdf`)
  const saved = join(OUT, 'log-saved.pdf')
  await download.saveAs(saved)
  checkLog(saved, numbers, today)
  pageImages(saved, 'log-saved-page')
})

/** Reads a 台账 PDF back with `pdftotext -layout` and checks what the issue asks of it. */
function checkLog(file: string, numbers: string[], today: string): void {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
  expect(pages, 'more rows than one page holds').toBeGreaterThanOrEqual(2)
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)
  expect(Number(size?.[1])).toBeGreaterThan(Number(size?.[2]))
  const byPage = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '')
  expect(byPage).toHaveLength(pages)
  const text = byPage.join('\n')
  // Each case number, name and masked ID whole on one line (a split one would not match).
  for (const n of numbers) expect(text, n).toContain(n)
  for (const name of NAMES) expect(text.split('\n').filter((l) => l.includes(name)).length, name).toBe(ROWS / NAMES.length)
  for (const id of IDS) {
    expect(text).toContain(`${id.slice(0, 6)}********${id.slice(-4)}`)
    expect(text).not.toContain(id)
  }
  // The header row and the page number on every page; the period and the figures on the first.
  byPage.forEach((p, i) => {
    expect(p, `page ${i + 1} header`).toMatch(/案件编号\s+来访人\s+身份证号/)
    expect(p.replace(/\s+/g, ''), `page ${i + 1} number`).toContain(`第${i + 1}页共${pages}页`)
  })
  expect(byPage[0]).toContain(today)
  expect(byPage[0]?.replace(/\s+/g, '')).toContain('批次')
  expect(byPage.at(-1)?.replace(/\s+/g, '')).toContain(`合计：${ROWS}批次，${ROWS}人次`)
}

/** Every page as a PNG beside the PDF, for a person to look at. */
function pageImages(file: string, prefix: string): void {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
  for (let i = 1; i <= pages; i++) execFileSync('pdftoppm', ['-r', '60', '-png', '-f', String(i), '-l', String(i), '-singlefile', file, join(OUT, `${prefix}-${i}`)])
}
