import { expect, setUpHall, test } from './fixtures'
import { registerSample } from './intake-steps'

test('after 登记 the duty officer previews the receipt in both layouts, prints it and reprints it as 补打', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  const caseNumber = await registerSample(page)

  await page.getByRole('button', { name: '打印回执' }).click()
  const dialog = page.getByRole('dialog')
  const receipt = page.frameLocator('[data-testid="receipt-preview"]')
  await expect(receipt.getByText(caseNumber).first()).toBeVisible()
  await expect(receipt.getByText('420106********0311').first()).toBeVisible()
  await expect(receipt.getByText('预览').first()).toBeVisible()
  await shot('receipt-a4')
  await dialog.getByText('80 毫米热敏纸').click()
  await expect(receipt.getByText('存根联')).toHaveCount(0)
  await shot('receipt-thermal')

  await dialog.getByRole('button', { name: /打印$/ }).click()
  await expect(dialog.getByRole('cell', { name: '浏览器打印' })).toBeVisible()
  await expect(dialog.getByRole('button', { name: '补打回执' })).toBeVisible()
  await expect(dialog.getByText('补打 · 第 2 份')).toBeVisible()
  await dialog.getByRole('button', { name: '补打回执' }).click()
  await expect(dialog.getByRole('row').filter({ hasText: '浏览器打印' })).toHaveCount(2)
  await shot('receipt-history')
})
