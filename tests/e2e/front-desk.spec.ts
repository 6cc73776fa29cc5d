import type { Page, Route } from '@playwright/test'
import type { MethodName } from '../../shared/rpc/contract'
import type { Host } from './fixtures'
import { ADMIN, expect, keepRecoveryKey, setUpHall, signIn, test } from './fixtures'
import { apiClient } from './api'
import { registerSample } from './intake-steps'

export const RECEPTIONIST = { badgeNo: 'R001', name: '李接待', password: 'Desk2026recv' }

/** The administrator adds 李接待 (R001), who has already changed the starting password. */
export async function addReceptionist(host: Host): Promise<void> {
  const admin = apiClient(host)
  await admin.ok('auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
  await admin.ok('users.create', { badgeNo: RECEPTIONIST.badgeNo, name: RECEPTIONIST.name, position: '接待员', role: 'receptionist', password: 'Start2026x', confirmPassword: 'Start2026x' })
  const r = apiClient(host)
  await r.ok('auth.signIn', { badgeNo: RECEPTIONIST.badgeNo, password: 'Start2026x' })
  await r.ok('auth.changePassword', { currentPassword: 'Start2026x', password: RECEPTIONIST.password, confirmPassword: RECEPTIONIST.password })
}

// Issue 13: the receptionist who prints the receipt of the case just registered sees it printed
// (no red error, the preview stays); a second print says in words that 补打 is a duty officer's.
test('a receptionist prints the receipt of the case just registered: it shows printed, and a second print points to the duty officer', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  await addReceptionist(host)
  await page.getByRole('button', { name: '退出登录' }).click()
  await signIn(page, RECEPTIONIST.badgeNo, RECEPTIONIST.password)
  await expect(page.getByTestId('signed-in-as')).toContainText(RECEPTIONIST.name)
  const caseNumber = await registerSample(page)

  await page.getByRole('button', { name: '打印回执' }).click()
  const dialog = page.getByRole('dialog')
  const receipt = page.frameLocator('[data-testid="receipt-preview"]')
  await expect(receipt.getByText(caseNumber).first()).toBeVisible()
  await dialog.getByRole('button', { name: /打印$/ }).click()
  // Printed: the preview stays, no error anywhere, and the dialog says who does 补打.
  await expect(dialog.getByTestId('reprint-by-officer')).toHaveText('这份回执已打印。补打由值班员办理，请联系值班员。')
  await expect(receipt.getByText(caseNumber).first()).toBeVisible()
  await expect(dialog.locator('.ant-alert-error')).toHaveCount(0)
  await expect(page.locator('.ant-message-error')).toHaveCount(0)
  await shot('receipt-printed-by-receptionist')
  await dialog.getByRole('button', { name: '补打回执' }).click()
  await expect(page.locator('.ant-message-info').filter({ hasText: '补打由值班员办理' })).toBeVisible()
  await expect(dialog.locator('.ant-alert-error')).toHaveCount(0)
  await expect(receipt.getByText(caseNumber).first()).toBeVisible()
})

// Issue 13: setup offers a backup folder and turns the daily backup on; the settings page warns
// while backups are off; the slow password steps say what they are doing.
test('setup offers a backup folder and the daily backup is on; without one the settings page warns; slow steps say what they do', async ({ page, host, shot }) => {
  await page.goto(host.url)
  const folder = page.getByLabel('备份文件夹')
  await expect(folder).toHaveValue(`${host.dataDir}/backups`)
  await shot('setup-backup-folder')
  // Leave it empty to see the warning (the default would have turned the backup on).
  await folder.fill('')
  await page.getByLabel('大厅名称').fill('武汉市信访局接待大厅')
  await page.getByLabel('大厅代码').fill('WH')
  await page.getByLabel('工号').fill(ADMIN.badgeNo)
  await page.getByLabel('姓名').fill(ADMIN.name)
  await page.getByLabel('职务').fill(ADMIN.position)
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password)
  await page.getByLabel('确认密码').fill(ADMIN.password)
  await page.getByRole('button', { name: '完成设置' }).click()
  // The strong hash takes seconds: the button says what is happening meanwhile.
  await expect(page.getByRole('button', { name: /正在创建大厅并安全地保存密码/ })).toBeVisible()
  await keepRecoveryKey(page)
  await expect(page.getByTestId('signed-in-as')).toContainText(ADMIN.name)
  await page.getByRole('menuitem', { name: '大厅设置' }).click()
  await expect(page.getByTestId('backup-off')).toContainText('自动备份未开启')
  await shot('settings-backup-off')
  await page.getByRole('button', { name: '退出登录' }).click()
  await page.getByLabel('工号').fill(ADMIN.badgeNo)
  await page.getByLabel('密码').fill(ADMIN.password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.getByRole('button', { name: /正在核对密码/ })).toBeVisible()
  await expect(page.getByTestId('signed-in-as')).toContainText(ADMIN.name)
})

/**
 * Holds the page's calls of `method` until the returned function is called: a step that is quick on
 * a test hall (a backup of a few pages) is seen while it runs, as it runs for seconds in a real one.
 */
async function holdCalls(page: Page, method: MethodName): Promise<() => Promise<void>> {
  let release = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  // The held calls, each sent on once released: unrouted before they are, Playwright would send
  // them on by itself, and the handler's own continue would then fail ("already handled").
  const held: Promise<void>[] = []
  const handler = (route: Route) => {
    const body = route.request().postDataJSON() as { method?: string } | null
    if (body?.method !== method) return route.fallback()
    const sent = released.then(() => route.continue())
    held.push(sent)
    return sent
  }
  await page.route('**/rpc', handler)
  return async () => {
    release()
    await Promise.all(held)
    await page.unroute('**/rpc', handler)
  }
}

// Issue 13: every step that can take longer than 300 ms shows progress, in words.
test('slow steps say what they do: receipt preview and print, statistics, the printed 台账, backup and restore', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  const caseNumber = await registerSample(page)

  let release = await holdCalls(page, 'receipts.preview')
  await page.getByRole('button', { name: '打印回执' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByTestId('preview-loading')).toHaveText('正在生成预览…')
  await shot('receipt-preview-loading')
  await release()
  const receipt = page.frameLocator('[data-testid="receipt-preview"]')
  await expect(receipt.getByText(caseNumber).first()).toBeVisible()
  release = await holdCalls(page, 'receipts.browserPrint')
  await dialog.getByRole('button', { name: /打印$/ }).click()
  await expect(dialog.getByRole('button', { name: '正在打印…' })).toBeVisible()
  await release()
  await expect(dialog.getByRole('button', { name: '补打回执' })).toBeVisible()
  await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click()

  await page.getByRole('menuitem', { name: '台账与统计' }).click()
  await expect(page.getByTestId('stats-cards')).toBeVisible()
  release = await holdCalls(page, 'reports.statistics')
  await page.getByRole('button', { name: '今天', exact: true }).click()
  await expect(page.getByTestId('stats-counting')).toHaveText('正在统计…')
  await release()
  await expect(page.getByTestId('stats-counting')).toHaveCount(0)
  release = await holdCalls(page, 'reports.logHtml')
  await page.getByRole('button', { name: '打印台账' }).click()
  await expect(page.getByRole('button', { name: '正在生成台账…' })).toBeVisible()
  await release()
  await expect(page.getByRole('button', { name: '打印台账' })).toBeVisible()

  await page.getByRole('menuitem', { name: '大厅设置' }).click()
  release = await holdCalls(page, 'backup.now')
  await page.getByRole('button', { name: '立即备份' }).click()
  await expect(page.getByRole('button', { name: '正在备份并校验备份文件…' })).toBeVisible()
  await shot('backing-up')
  await release()
  await expect(page.getByText(`已备份到 ${host.dataDir}/backups`)).toBeVisible()
  await page.getByTestId('backup-card').getByRole('button', { name: '恢复' }).first().click()
  const confirm = page.getByRole('dialog')
  release = await holdCalls(page, 'backup.restore')
  await confirm.getByRole('button', { name: '恢复' }).click()
  await expect(confirm.getByRole('button', { name: '正在校验备份并恢复数据…' })).toBeVisible()
  await shot('restoring')
  await release()
  await expect(page.getByText('已恢复，请重新登录。')).toBeVisible()
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible()
})

test('with the default backup folder of setup, the settings page shows the folder and no warning', async ({ page, host }) => {
  await setUpHall(page, host)
  await page.getByRole('menuitem', { name: '大厅设置' }).click()
  await expect(page.getByTestId('backup-card')).toBeVisible()
  await page.getByRole('button', { name: '立即备份' }).click()
  await expect(page.getByText(`已备份到 ${host.dataDir}/backups`)).toBeVisible()
  await expect(page.getByTestId('backup-off')).toHaveCount(0)
})

// Issue 13: 督办's summary cards filter the list when clicked.
test('督办: clicking a summary card lists only its cases, clicking 在办 shows all again', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  const caseNumber = await registerSample(page)
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.getByRole('menuitem', { name: '督办' }).click()
  const table = page.getByTestId('supervision-table')
  await expect(table.getByRole('row', { name: new RegExp(caseNumber) })).toBeVisible()
  // Due in 60 days: not overdue, so the 已逾期 card empties the list.
  await page.getByTestId('count-overdue').click()
  await expect(page.getByTestId('supervision-filter')).toContainText('只显示“已逾期”的 0 件')
  await expect(table.getByRole('row', { name: new RegExp(caseNumber) })).toHaveCount(0)
  await shot('supervision-filtered')
  await page.getByTestId('count-open').click()
  await expect(page.getByTestId('supervision-filter')).toHaveCount(0)
  await expect(table.getByRole('row', { name: new RegExp(caseNumber) })).toBeVisible()
})
