import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { apiClient } from './api'
import { ADMIN, SCREENSHOTS, expect, setUpHall, test } from './fixtures'
import { registerSample } from './intake-steps'

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const

/** Screenshots of a screen at both sizes a hall has, for a person to look at from across the hall. */
async function shots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await page.screenshot({ path: join(SCREENSHOTS, `queue-${name}-${size.width}x${size.height}.png`) })
  }
}

test('a number from the kiosk is called at a desk, shown on the hall screen, and leads to a registered, rated case', async ({ page, context, host }) => {
  test.setTimeout(120_000)
  await setUpHall(page, host)

  // 1. The kiosk: no sign-in, four big kinds, no personal data asked.
  const kiosk = await context.newPage()
  await kiosk.goto(`${host.url}#/kiosk`)
  await expect(kiosk.getByText('取号无需填写任何个人信息')).toBeVisible()
  await shots(kiosk, 'kiosk')
  await kiosk.getByTestId('kind-individual').click()
  await expect(kiosk.getByTestId('kiosk-number')).toHaveText('A001')
  await expect(kiosk.getByText('前面还有 0 人，预计等候约 0 分钟')).toBeVisible()
  await shots(kiosk, 'kiosk-ticket')

  // 2. The hall screen and the visitor-facing view are open before the call.
  const screen = await context.newPage()
  await screen.goto(`${host.url}#/hall-screen`)
  await expect(screen.getByTestId('hall-screen-waiting')).toContainText('个人访1')
  await expect(screen.getByTestId('hall-screen-now')).toContainText('暂无叫号，请耐心等候')
  await expect(screen.getByText('今天还没有叫号')).toBeVisible()
  await shots(screen, 'hall-screen-before-call')
  const visitorView = await context.newPage()
  await visitorView.goto(`${host.url}#/visitor-view`)

  // 3. The desk at window 3 calls the next visitor.
  await page.goto(`${host.url}#/queue`)
  await page.getByRole('spinbutton', { name: '本窗口' }).fill('3')
  await page.getByTestId('call-next').click()
  await expect(page.getByTestId('serving-number')).toHaveText('A001')
  await shots(page, 'desk')

  // 4. The hall screen: 请 A001 号 到 3号窗口, numbers only.
  await expect(screen.getByTestId('hall-screen-now')).toContainText('请 A001 号')
  await expect(screen.getByTestId('hall-screen-now')).toContainText('到 3号窗口')
  await expect(screen.getByTestId('hall-screen-recent')).toContainText('A001')
  await expect(screen.getByText('今天还没有叫号')).toHaveCount(0)
  await expect(screen.getByTestId('hall-screen-voice')).toContainText('语音：')
  await expect(screen.getByTestId('hall-screen')).not.toContainText(ADMIN.name)
  await shots(screen, 'hall-screen')

  // 5. The visitor view shows the number first.
  await expect(visitorView.getByTestId('visitor-number')).toHaveText('您好，A001 号')

  // 6. The intake starts from the ticket; 登记 links case and ticket.
  await page.getByTestId('start-intake').click()
  const caseNumber = await registerSample(page)

  // 7. The visitor rates on the visitor view (评价器).
  await expect(visitorView.getByTestId('visitor-rating')).toContainText('请对本次接待作出评价')
  await visitorView.setViewportSize(SIZES[0])
  await visitorView.screenshot({ path: join(SCREENSHOTS, 'queue-visitor-rating-1366x768.png') })
  await visitorView.getByRole('button', { name: '满意', exact: true }).click()
  await expect(visitorView.getByTestId('visitor-rating')).toContainText('感谢您的评价！')

  // The case is linked to A001, and its waiting time, service time and rating are in the statistics.
  const api = apiClient(host)
  await api.ok('auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
  const today = (await api.ok('app.status', {})).now.slice(0, 10)
  const day = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  const stats = await api.ok('queue.statistics', { from: today, to: day })
  expect(stats.byWindow.map((w) => [w.key, w.tickets, w.served])).toEqual([['3', 1, 1]])
  expect(stats.byKind[0]?.avgServiceMinutes).not.toBeNull()
  expect(stats.onsite).toMatchObject({ satisfied: 1, rate: 1 })
  const again = await api.call('queue.rate', { caseNumber, rating: 'unsatisfied' })
  expect(again.ok).toBe(false)

  // 8. What the administrator sees on 台账与统计: window 3's ticket, its times, the rating.
  await page.setViewportSize(SIZES[0])
  await page.getByRole('menuitem', { name: '台账与统计' }).click()
  await page.getByRole('button', { name: '今天', exact: true }).click()
  const times = page.getByTestId('queue-times')
  await expect(page.getByTestId('queue-times-window').locator('tbody tr').first().locator('td')).toHaveText([
    '3号窗口', '1', '1', '0', '1', /^\d+\.\d$/, /^\d+\.\d$/, /^\d+\.\d$/, /^\d+\.\d$/,
  ])
  await expect(times.locator('.ant-statistic').first()).toContainText('当场评价（评价器） · 满意率')
  await expect(times.locator('.ant-statistic-content').first()).toHaveText('100.0%')
  await expect(times).toContainText('满意 1 · 基本满意 0 · 不满意 0')
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await times.scrollIntoViewIfNeeded()
    await times.screenshot({ path: join(SCREENSHOTS, `queue-statistics-${size.width}x${size.height}.png`) })
  }
})

test('the ticket prints on the 80 mm roll with hall, number, kind, time, people ahead, wait and a QR of the number', async ({ page, host }) => {
  await setUpHall(page, host)
  const api = apiClient(host)
  await api.ok('queue.kioskTake', { kind: 'individual', headcount: 1 })
  const issued = await api.ok('queue.kioskTake', { kind: 'group', headcount: 6 })
  await page.setContent(issued.html)
  const pdf = await page.pdf({ width: '80mm', height: '120mm', printBackground: true, preferCSSPageSize: true })
  const dir = join(tmpdir(), `intake-desk-ticket-${Date.now()}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'ticket.pdf'), pdf)
  const text = execFileSync('pdftotext', ['-layout', join(dir, 'ticket.pdf'), '-']).toString()
  expect(text).toContain('武汉市信访局接待大厅')
  expect(text).toContain('B001')
  expect(text).toContain('集体访（6 人）')
  expect(text).toMatch(/前面等候\s+1\s*人/)
  expect(text).toMatch(/预计等候\s+约\s*15\s*分钟/)
  execFileSync('pdftoppm', ['-png', '-r', '120', join(dir, 'ticket.pdf'), join(SCREENSHOTS, 'queue-ticket')])
})
