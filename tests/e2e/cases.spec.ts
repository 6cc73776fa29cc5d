import { rmSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ADMIN, expect, openDialog, setUpHall, signIn, startHost, stopHost, test } from './fixtures'
import { registerSample } from './intake-steps'
import { choose } from './select'

test('a duty officer routes a case to a unit, extends it, closes it and records the rating; 督办 shows it overdue when the clock says so', async ({ page, shot }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-desk-e2e-'))
  // Registered on 1 September 2026: the 60-day handling period ends on 2 November.
  let host = await startHost(dataDir, ['--clock', '2026-09-01T02:00:00Z'])
  try {
    await setUpHall(page, host)
    const caseNumber = await registerSample(page)
    expect(caseNumber).toBe('WH-20260901-0001')
    await stopHost(host)

    // Three weeks later the case is still open.
    host = await startHost(dataDir, ['--clock', '2026-11-20T02:00:00Z'])
    await page.goto(host.url)
    await signIn(page, ADMIN.badgeNo, ADMIN.password)
    await page.getByRole('menuitem', { name: '督办' }).click()
    const counts = page.getByTestId('supervision-counts')
    // Each count exactly: one case, open and overdue, nothing else (a '1' anywhere would not do).
    const count = (title: string) =>
      counts.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value')
    await expect(count('已逾期')).toHaveText('1')
    await expect(count('3 日内到期')).toHaveText('0')
    await expect(count('在办')).toHaveText('1')
    const row = page.getByTestId('supervision-table').getByRole('row', { name: new RegExp(caseNumber) })
    await expect(row).toContainText('逾期 18 天')
    await expect(row).toContainText('420106********0311')
    await expect(page.getByTestId('without-plan-table')).toContainText('今日登记的在办案件均已录入处理思路')
    await shot('supervision-overdue')

    await row.getByRole('link', { name: caseNumber }).click()
    await expect(page.getByTestId('case-status')).toHaveText('已受理')
    const act = async (button: string, fill: () => Promise<void>) => {
      const dialog = await openDialog(page, page.getByTestId('case-actions').getByRole('button', { name: button, exact: true }))
      await fill()
      await dialog.getByRole('button', { name: '确定' }).click()
      await expect(dialog).toBeHidden()
    }
    await act('交办', async () => {
      await choose(page, page.getByRole('dialog').getByLabel('责任单位'), '市住房和城乡建设局')
    })
    await expect(page.getByTestId('case-status')).toHaveText('已交办')
    await act('开始办理', async () => {})
    await act('延期', async () => {
      const dialog = page.getByRole('dialog')
      // The handling period ended on 2 November: a late extension is warned and needs its reason.
      await expect(dialog).toContainText('已于 2026年11月2日 届满。逾期办理须写明理由')
      await dialog.getByLabel('理由', { exact: true }).fill('需组织听证，延期办理并已告知来访人。')
      await dialog.getByLabel('逾期理由').fill('听证材料11月中旬方才齐备。')
    })
    await expect(page.getByTestId('case-status')).toHaveText('已延期')
    // Extended once: no second extension is offered.
    await expect(page.getByTestId('case-actions').getByRole('button', { name: '延期', exact: true })).toHaveCount(0)
    await act('办结', async () => {
      await page.getByRole('dialog').getByLabel('办理结果').fill('施工单位已修复排水管网，经现场核实积水问题已解决。')
    })
    await act('回访', async () => {
      await page.getByRole('dialog').getByText('基本满意').click()
    })
    await expect(page.getByTestId('case-status')).toHaveText('已回访')
    await expect(page.getByText('基本满意').first()).toBeVisible()
    await expect(page.getByTestId('case-clocks')).toContainText('办理期限')
    await shot('case-page')

    // Back on 督办, nothing is overdue any more.
    await page.getByRole('menuitem', { name: '督办' }).click()
    await expect(page.getByTestId('supervision-table')).toContainText('没有在办案件')
  } finally {
    await stopHost(host)
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('search finds a case by a two-character term of its answers and shows the ID masked', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  const caseNumber = await registerSample(page)
  await page.getByRole('menuitem', { name: '案件查询' }).click()
  await page.getByLabel(/案件编号或其后几位/).fill('排水')
  await page.getByRole('button', { name: /查找/ }).click()
  const results = page.getByTestId('search-results')
  await expect(results).toContainText(caseNumber)
  await expect(results).toContainText('420106********0311')
  await expect(page.getByTestId('search-summary')).toContainText('全文')
  await shot('search')
  await page.getByLabel(/案件编号或其后几位/).fill('排')
  await page.getByRole('button', { name: /查找/ }).click()
  await expect(page.getByRole('alert')).toContainText('至少输入两个字')
})
