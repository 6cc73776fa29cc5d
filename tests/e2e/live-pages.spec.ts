import { apiClient } from './api'
import { ADMIN, SCREENSHOTS, expect, setUpHall, test } from './fixtures'
import type { Host } from './fixtures'

// Every page that now reads through TanStack Query, at 1366×768: first its empty state, then
// what another desk committed shows without a reload (the pages stay open between the two).
test.use({ viewport: { width: 1366, height: 768 } })

async function otherDesk(host: Host) {
  const desk = apiClient(host)
  await desk.ok('auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
  return desk
}

test('converted pages show their empty state, then another desk’s change without a reload', async ({ page, host }) => {
  test.setTimeout(240_000)
  await setUpHall(page, host)
  const desk = await otherDesk(host)
  const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/live-pages-${name}.png` })

  await page.getByRole('menuitem', { name: '今日台账' }).click()
  await expect(page.getByTestId('today-table')).toContainText('今天还没有登记。')
  await shot('today-empty')

  await page.getByRole('menuitem', { name: '领导接访' }).click()
  await expect(page.getByText('还没有领导接访记录。')).toBeVisible()
  await shot('leaders-empty')
  await desk.ok('leaders.record', { day: '2026-12-02', leaderName: '王志强', leaderTitle: '副局长', note: '', caseNumbers: [] })
  await expect(page.getByRole('row').filter({ hasText: '王志强' })).toContainText('副局长', { timeout: 2000 })
  await shot('leaders-live')

  await page.getByRole('menuitem', { name: '单位与类别' }).click()
  await expect(page.getByText('市住房和城乡建设局')).toBeVisible()
  await desk.ok('units.add', { name: '市水务局' })
  await expect(page.getByText('市水务局')).toBeVisible({ timeout: 2000 })
  await shot('hall-data-live')

  await page.getByRole('menuitem', { name: '用户管理' }).click()
  await expect(page.getByRole('row').filter({ hasText: ADMIN.name })).toBeVisible()
  await desk.ok('users.create', { badgeNo: 'R009', name: '孙丽', position: '接待员', role: 'receptionist', password: 'Start2026x', confirmPassword: 'Start2026x' })
  await expect(page.getByRole('row').filter({ hasText: '孙丽' })).toContainText('接待员', { timeout: 2000 })
  await shot('users-live')

  await page.getByRole('menuitem', { name: '大厅设置' }).click()
  await expect(page.getByLabel('大厅地址')).toHaveValue('')
  // A form nobody has typed in follows the settings another desk saved.
  await desk.ok('settings.update', { address: '武汉市江岸区沿江大道 188 号', phone: '027-82800000', receiptLayout: 'a4', receiptPrinter: null, idleLockMinutes: 10 })
  await expect(page.getByLabel('大厅地址')).toHaveValue('武汉市江岸区沿江大道 188 号', { timeout: 2000 })
  await shot('settings-live')

  await page.getByRole('menuitem', { name: '台账与统计' }).click()
  await expect(page.getByRole('heading', { name: '台账与统计' })).toBeVisible()
  await shot('reports')

  await page.getByRole('menuitem', { name: '案件查询' }).click()
  await expect(page.getByRole('heading', { name: '案件查询' })).toBeVisible()
  await shot('search-empty')
})
