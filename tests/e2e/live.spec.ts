import type { Browser, Page } from '@playwright/test'
import { ADMIN, SCREENSHOTS, expect, setUpHall, signIn, test } from './fixtures'
import type { Host } from './fixtures'
import { categoryAndRouting, fiveAnswers, threeShows, visitor } from './intake-steps'
import { choose } from './select'

// Two desks of one hall on one browser host (SQLite): each is its own browser context, signed in
// on its own. What one commits shows on the other's open page within 2 s, without a reload.
const LIVE = { timeout: 2000 }
const SECOND = { name: '钱秀英', id: '110105198807300426', phone: '13800003333', address: '武汉市江岸区某街道' }

async function desk(browser: Browser, host: Host, setUp: boolean): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  const page = await context.newPage()
  if (setUp) await setUpHall(page, host)
  else {
    await page.goto(host.url)
    await signIn(page, ADMIN.badgeNo, ADMIN.password)
    await expect(page.getByTestId('signed-in-as')).toContainText(ADMIN.name)
  }
  // Set once; a reload would lose it.
  await page.evaluate(() => Object.assign(window, { liveTestMarker: 'still here' }))
  return page
}

async function register(page: Page, v?: typeof SECOND): Promise<string> {
  await threeShows(page)
  await visitor(page, v)
  await page.getByRole('button', { name: '下一步' }).click()
  await fiveAnswers(page)
  await page.getByRole('button', { name: '下一步' }).click()
  await categoryAndRouting(page)
  await page.getByRole('button', { name: '登记', exact: true }).click()
  await expect(page.getByTestId('registered-title')).toHaveText('登记成功')
  return page.getByTestId('case-number').innerText()
}

async function notReloaded(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { liveTestMarker?: string }).liveTestMarker)).toBe('still here')
}

test('two desks on one host: a registration shows on the other desk’s 督办 and 今日台账, a step on the other’s case page, within 2 s', async ({ browser, host }) => {
  // Two desks, two registrations and two steps: longer than one desk's journey on a shared machine.
  test.setTimeout(240_000)
  const one = await desk(browser, host, true)
  const two = await desk(browser, host, false)

  // Desk 2 watches 督办 while desk 1 registers.
  await two.getByRole('menuitem', { name: '督办' }).click()
  await expect(two.getByTestId('supervision-table')).toContainText('没有在办案件')
  const first = await register(one)
  await expect(two.getByTestId('supervision-table')).toContainText(first, LIVE)
  const open = two.getByTestId('supervision-counts').locator('.ant-statistic').filter({ hasText: '在办' }).locator('.ant-statistic-content-value')
  await expect(open).toHaveText('1', LIVE)
  await two.screenshot({ path: `${SCREENSHOTS}/live-supervision-desk2.png` })

  // Then 今日台账, while desk 1 receives the next visitor.
  await two.getByRole('menuitem', { name: '今日台账' }).click()
  await expect(two.getByTestId('today-table')).toContainText(first)
  await one.getByRole('button', { name: '接待下一位' }).click()
  const second = await register(one, SECOND)
  await expect(two.getByTestId('today-table')).toContainText(second, LIVE)
  await expect(two.getByTestId('today-table')).toContainText(SECOND.name)
  await two.screenshot({ path: `${SCREENSHOTS}/live-today-desk2.png` })

  // Both desks on the first case: a step on one shows on the other, both ways.
  await two.getByTestId('today-table').getByRole('link', { name: first }).click()
  await one.goto(`${host.url}#/case/${first}`)
  for (const page of [one, two]) await expect(page.getByTestId('case-status')).toHaveText('已受理')
  await one.getByTestId('case-actions').getByRole('button', { name: '交办', exact: true }).click()
  await choose(one, one.getByRole('dialog').getByLabel('责任单位'), '市住房和城乡建设局')
  await one.getByRole('dialog').getByRole('button', { name: '确定' }).click()
  await expect(one.getByTestId('case-status')).toHaveText('已交办')
  await expect(two.getByTestId('case-status')).toHaveText('已交办', LIVE)
  await expect(two.getByText('市住房和城乡建设局').first()).toBeVisible()
  await two.getByTestId('case-actions').getByRole('button', { name: '开始办理', exact: true }).click()
  await two.getByRole('dialog').getByRole('button', { name: '确定' }).click()
  await expect(two.getByTestId('case-status')).toHaveText('办理中')
  await expect(one.getByTestId('case-status')).toHaveText('办理中', LIVE)
  await two.screenshot({ path: `${SCREENSHOTS}/live-case-desk2.png` })

  await notReloaded(two)
  await notReloaded(one)
})
