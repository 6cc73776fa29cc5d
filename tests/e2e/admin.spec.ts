import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { hallDate } from '../../shared/time'
import { apiClient } from './api'
import { ADMIN, expect, openHallDatabase, setUpHall, signIn, test } from './fixtures'
import { LI, addUser } from './users-steps'

/** Waits until no transition or finite animation is running, so a screenshot shows the settled screen. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  )
}

/** An auditor (U001) is added and lets the administrator read the audit trail. */
async function allowAdminToReadAudit(host: Parameters<typeof apiClient>[0]): Promise<void> {
  const admin = apiClient(host)
  await admin.ok('auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
  await admin.ok('users.create', { badgeNo: 'U001', name: '审计员甲', position: '审计员', role: 'auditor', password: 'Start2026x', confirmPassword: 'Start2026x' })
  const auditor = apiClient(host)
  await auditor.ok('auth.signIn', { badgeNo: 'U001', password: 'Start2026x' })
  await auditor.ok('auth.changePassword', { currentPassword: 'Start2026x', password: 'Audit2026u', confirmPassword: 'Audit2026u' })
  await auditor.ok('audit.setAdminAccess', { allowed: true })
}

/** The table row of a user, by name. */
const userRow = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name })

test('an administrator adds a receptionist, changes the role, resets the password and disables the account', async ({
  page,
  host,
  shot,
}) => {
  await setUpHall(page, host)
  await page.getByRole('menuitem', { name: '用户管理' }).click()

  // The administrator's own row: no disabling, no role change, no reset of oneself.
  const own = userRow(page, ADMIN.name)
  await expect(own.getByText('本人')).toBeVisible()
  await expect(own.getByRole('button', { name: '停用' })).toBeDisabled()
  await expect(own.getByRole('button', { name: '重置密码' })).toBeDisabled()
  await expect(own.getByRole('combobox')).toBeDisabled()

  await addUser(page, LI)
  const row = userRow(page, '李晓梅')
  await expect(row).toContainText('接待员')
  await settled(page)
  await shot('added')

  // Role: 接待员 → 值班员.
  await row.getByRole('combobox').click()
  await page.locator('.ant-select-dropdown:visible').getByText('值班员', { exact: true }).click()
  await expect(page.getByText('李晓梅 的角色已改为“值班员”。')).toBeVisible()
  await expect(row).toContainText('值班员')
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0)
  await settled(page)
  await shot('role-changed')

  // The new colleague signs in at another desk and sets their own password.
  const desk = await page.context().newPage()
  await desk.goto(host.url)
  await signIn(desk, 'R001', 'Start2026x')
  await desk.getByLabel('当前密码').fill('Start2026x')
  await desk.getByLabel('新密码', { exact: true }).fill('Desk2026li')
  await desk.getByLabel('确认新密码').fill('Desk2026li')
  await desk.getByRole('button', { name: '保存新密码' }).click()
  await expect(desk.getByTestId('signed-in-as')).toContainText('李晓梅')

  // Reset: a temporary password that must be changed at the next sign-in.
  await page.bringToFront()
  await row.getByRole('button', { name: '重置密码' }).click()
  const reset = page.getByRole('dialog')
  await expect(reset).toContainText('重置 李晓梅（工号 R001）的密码')
  await reset.getByLabel('临时密码').fill('short1')
  await reset.getByLabel('确认密码').fill('short1')
  await reset.getByRole('button', { name: '重置密码' }).click()
  await expect(reset.getByText('密码至少 8 位。')).toBeVisible()
  await settled(page)
  await shot('reset-dialog')
  await reset.getByLabel('临时密码').fill('Reset2026x')
  await reset.getByLabel('确认密码').fill('Reset2026x')
  await reset.getByRole('button', { name: '重置密码' }).click()
  await expect(page.getByText('已重置 李晓梅 的密码，下次登录时须修改。')).toBeVisible()
  await expect(row).toContainText('待改密码')
  await settled(page)
  await shot('reset')

  // The desk was signed out; the old password no longer works, the temporary one asks for a new one.
  await desk.bringToFront()
  await desk.reload()
  await signIn(desk, 'R001', 'Desk2026li')
  await expect(desk.getByRole('alert')).toContainText('工号或密码不正确')
  await signIn(desk, 'R001', 'Reset2026x')
  await expect(desk.getByText('这是您第一次登录（或密码已被重置），请先设置自己的密码。')).toBeVisible()

  // Disable, after a confirmation.
  await page.bringToFront()
  await row.getByRole('button', { name: '停用' }).click()
  const confirm = page.locator('.ant-popconfirm:visible')
  await expect(confirm).toContainText('停用 李晓梅（工号 R001）的账号？')
  await settled(page)
  await shot('disable-confirm')
  await confirm.getByRole('button', { name: '停用' }).click()
  await expect(page.getByText('已停用 李晓梅（工号 R001）。')).toBeVisible()
  await expect(row).toContainText('已停用')
  await expect(row.getByRole('button', { name: '启用' })).toBeVisible()
  await settled(page)
  await shot('disabled')

  // The receptionist's sign-in is now refused, in Chinese.
  await desk.bringToFront()
  await desk.reload()
  await signIn(desk, 'R001', 'Reset2026x')
  await expect(desk.getByRole('alert')).toContainText('此账号已停用，请联系管理员。')
  await settled(desk)
  await desk.screenshot({
    path: join(import.meta.dirname, 'screenshots', 'admin-disabled-sign-in-refused.png'),
    fullPage: true,
  })
  await desk.close()
})

test('the audit log filters by user, action and day, and 校验 finds a tampered row', async ({
  page,
  host,
  shot,
}) => {
  // Two users, an auditor's permission, four filters and two checks of the chain: a long journey.
  test.slow()
  await setUpHall(page, host)
  await page.getByRole('menuitem', { name: '用户管理' }).click()
  await addUser(page, LI)
  await expect(userRow(page, '李晓梅')).toBeVisible()
  // The receptionist signs in at another desk and sets a password.
  const desk = apiClient(host)
  await desk.ok('auth.signIn', { badgeNo: 'R001', password: 'Start2026x' })
  await desk.ok('auth.changePassword', {
    currentPassword: 'Start2026x',
    password: 'Desk2026li',
    confirmPassword: 'Desk2026li',
  })
  // 三员分立: the hall's auditor lets the administrator read the trail.
  await allowAdminToReadAudit(host)
  await page.getByRole('button', { name: '锁定屏幕' }).click()
  await page.getByLabel('密码').fill(ADMIN.password)
  await page.getByRole('button', { name: '解锁' }).click()

  await page.getByRole('menuitem', { name: '审计日志' }).click()
  const table = page.getByTestId('audit-table')
  await expect(table.getByRole('cell', { name: '首次设置' }).first()).toBeVisible()
  // Two users added: the receptionist and the auditor.
  await expect(table.getByRole('cell', { name: '添加用户' })).toHaveCount(2)
  // Sentences with their details in words (issue 13), never JSON with English keys.
  await expect(table.getByTestId('audit-sentence').filter({ hasText: '周建华 添加用户 用户 2' })).toBeVisible()
  await expect(table).toContainText('工号：R001')
  await expect(table).not.toContainText('badgeNo')
  await expect(table).not.toContainText('{')
  await settled(page)
  await shot('audit-log')

  // By user: the receptionist's sign-in and password change.
  await page.getByLabel('操作人', { exact: true }).click()
  await page.locator('.ant-select-dropdown:visible').getByText('李晓梅（R001）', { exact: true }).click()
  await expect(table.locator('tbody tr')).toHaveCount(2)
  await expect(table.getByTestId('audit-sentence').filter({ hasText: / 登录 / })).toHaveCount(1)
  await expect(table.getByTestId('audit-sentence').filter({ hasText: / 修改密码 / })).toHaveCount(1)
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0)
  await settled(page)
  await shot('filtered-by-user')
  await page.reload()

  // By action: only the added users (the receptionist and the auditor).
  await page.getByLabel('操作', { exact: true }).click()
  await page.locator('.ant-select-dropdown:visible').getByText('添加用户', { exact: true }).click()
  await expect(table.locator('tbody tr')).toHaveCount(2)
  await expect(table).toContainText('用户 2')
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0)
  await settled(page)
  await shot('filtered-by-action')
  // The filters live in the page, not in the address: a reload shows everything again.
  await page.reload()
  await expect(table.getByRole('cell', { name: '首次设置' }).first()).toBeVisible()

  // By day, in the hall's time zone: today holds every row, a month of 2020 none.
  const today = hallDate(new Date(), 'Asia/Shanghai')
  const range = async (from: string, to: string) => {
    await page.getByPlaceholder('开始日期').click()
    await page.getByPlaceholder('开始日期').fill(from)
    await page.getByPlaceholder('结束日期').fill(to)
    await page.getByPlaceholder('结束日期').press('Enter')
  }
  await range(today, today)
  await expect(page.getByText('共 11 条')).toBeVisible()
  await settled(page)
  await shot('filtered-by-day')
  await range('2020-01-01', '2020-01-31')
  await expect(table.locator('tbody .ant-empty')).toBeVisible()
  await page.reload()
  await expect(table.getByRole('cell', { name: '首次设置' }).first()).toBeVisible()

  // 校验: intact.
  await page.getByRole('button', { name: /校\s*验/ }).click()
  const result = page.getByTestId('audit-verify-result')
  await expect(result).toContainText(/审计日志完整，共 \d+ 条/)
  await settled(page)
  await shot('verified')

  // Someone drops the guard and changes a row directly in the database file.
  const db = openHallDatabase(host)
  const target = db.prepare(`SELECT id FROM audit_log WHERE action = 'user.create'`).pluck().get() as number
  db.exec('DROP TRIGGER audit_log_no_update')
  db.prepare(`UPDATE audit_log SET detail = '{"after":{"badgeNo":"R999"}}' WHERE id = ?`).run(target)
  db.close()

  await page.getByRole('button', { name: /校\s*验/ }).click()
  await expect(result).toContainText(`第 ${target} 条记录被改动`)
  await expect(table).toContainText('R999')
  await settled(page)
  await shot('tampered')
})
