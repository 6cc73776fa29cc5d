import { ADMIN, expect, fillSetup, test } from './fixtures'

// Issue 12: setup shows the hall's 恢复密钥 (recovery key) once, to print and keep; the app opens
// only once the administrator confirms having kept it.
test('setup shows the recovery key once, with a print button, and goes on only once it is kept', async ({ page, host, shot }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await fillSetup(page, host)

  await expect(page.getByText('请保管好恢复密钥')).toBeVisible()
  // 32 bytes and a two-byte check in Crockford's base32, in groups of five.
  await expect(page.getByTestId('recovery-key')).toHaveText(/^(?:[0-9A-HJKMNP-TV-Z]{5}-){10}[0-9A-HJKMNP-TV-Z]{5}$/)
  await expect(page.getByText('武汉市信访局接待大厅（大厅代码 WH）')).toBeVisible()
  await expect(page.getByRole('button', { name: '打印恢复密钥' })).toBeVisible()
  const go = page.getByRole('button', { name: '我已保管好，进入系统' })
  await expect(go).toBeDisabled()
  await expect(go).toBeInViewport()
  await shot('recovery-key')

  // Printed, only the card shows: the print button, the warning and the checkbox are left out.
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('recovery-key')).toBeVisible()
  await expect(page.getByRole('button', { name: '打印恢复密钥' })).toBeHidden()
  await page.emulateMedia({ media: 'screen' })

  await page.getByLabel('我已打印或抄下恢复密钥，并已妥善保管').check()
  await go.click()
  await expect(page.getByTestId('signed-in-as')).toContainText(ADMIN.name)
  // Once: a reload does not show it again.
  await page.reload()
  await expect(page.getByTestId('signed-in-as')).toContainText(ADMIN.name)
  await expect(page.getByTestId('recovery-key')).toHaveCount(0)
})
