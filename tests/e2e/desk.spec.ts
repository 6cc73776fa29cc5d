import { expect, setUpHall, test } from './fixtures'
import { LV, threeShows, visitor } from './intake-steps'

test('the visitor-facing view mirrors the three shows as they are confirmed', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  const popupPromise = page.waitForEvent('popup')
  await page.getByRole('button', { name: '打开来访人视图' }).click()
  const popup = await popupPromise
  const view = popup.getByTestId('visitor-view')
  await expect(view).toContainText('A001')
  await expect(view).toContainText('周建华')
  await expect(view).toContainText('大厅主任')
  await expect(view).toContainText('武汉市信访局接待大厅')
  await page.getByLabel('已亮工号').check()
  await expect(popup.locator('.vv-shown').first()).toBeVisible()
  await popup.screenshot({ path: 'tests/e2e/screenshots/visitor-view.png' })
  await shot('with-visitor-view-open')
})

test('locking the screen hides the form and the draft is offered back after unlocking', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  await threeShows(page)
  await visitor(page)
  await page.getByRole('button', { name: '锁定屏幕' }).click()
  await expect(page.getByText('屏幕已锁定', { exact: true })).toBeVisible()
  // Nothing of the visitor stays on a locked screen.
  await expect(page.getByText(LV.name)).toHaveCount(0)
  await shot('locked')
  await page.getByLabel('密码').fill('wrong-pass1')
  await page.getByRole('button', { name: '解锁' }).click()
  await expect(page.getByRole('alert')).toContainText('还可尝试 4 次')
  await page.getByLabel('密码').fill('Admin2026pass')
  await page.getByRole('button', { name: '解锁' }).click()
  await expect(page.getByText(/发现未完成的登记草稿/)).toBeVisible()
  // Enter is 恢复草稿: a hurried key press keeps what was typed.
  await expect(page.getByRole('button', { name: '恢复草稿' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByText(/发现未完成的登记草稿/)).toBeHidden()
  await expect(page.getByLabel('身份证号')).toHaveValue(LV.id)
  await expect(page.getByLabel('姓名')).toHaveValue(LV.name)

  // Offered once: after the next lock the same draft comes back without asking again.
  await page.getByLabel('联系电话').fill('13700005555')
  await page.getByRole('button', { name: '锁定屏幕' }).click()
  await page.getByLabel('密码').fill('Admin2026pass')
  await page.getByRole('button', { name: '解锁' }).click()
  await expect(page.getByLabel('姓名')).toHaveValue(LV.name)
  await expect(page.getByLabel('联系电话')).toHaveValue('13700005555')
  await expect(page.getByText(/发现未完成的登记草稿/)).toHaveCount(0)
})

test('every screen has its English translation', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByText('Three shows', { exact: true }).first()).toBeVisible()
  await expect(page.getByLabel('Badge number shown')).toBeVisible()
  await expect(page.getByRole('menuitem', { name: "Today's log" })).toBeVisible()
  await shot('english')
  await page.getByRole('button', { name: '中文' }).click()
  await expect(page.getByLabel('已亮工号')).toBeVisible()
})

test('the browser host refuses a page load without the token', async ({ page, host }) => {
  const bare = host.url.replace(/\?token=.*$/, '')
  const response = await page.goto(bare)
  expect(response?.status()).toBe(403)
  await expect(page.getByText('请使用启动时显示的完整地址')).toBeVisible()
})
