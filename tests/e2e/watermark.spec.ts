import { expect, setUpHall, test } from './fixtures'

test('screens with visitors’ personal data carry a light watermark; settings do not', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  const content = page.locator('.ant-layout-content')
  // Ant Design's Watermark draws the 工号 and date into a repeated background image.
  const marks = content.locator('div[style*="background-image"]')
  await page.getByRole('menuitem', { name: '台账与统计' }).click()
  await expect(marks).toHaveCount(1)
  await shot('watermark-reports')
  await page.getByRole('menuitem', { name: '大厅设置' }).click()
  await expect(marks).toHaveCount(0)
})
