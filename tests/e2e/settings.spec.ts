import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, setUpHall, test } from './fixtures'

test('the administrator sets the backup folder, backs up now and sees the backup listed', async ({ page, host, shot }) => {
  const folder = mkdtempSync(join(tmpdir(), 'intake-desk-backups-'))
  try {
    await setUpHall(page, host)
    await page.getByRole('menuitem', { name: '大厅设置' }).click()
    await expect(page.getByTestId('backup-card')).toContainText('还没有成功的备份')
    await page.getByLabel('大厅地址').fill('武汉市武昌区中北路1号')
    await page.getByLabel('备份文件夹').fill(folder)
    await page.getByRole('button', { name: '保存设置' }).click()
    await expect(page.getByText('设置已保存。')).toBeVisible()
    await page.getByRole('button', { name: /立即备份/ }).click()
    await expect(page.getByText(/已备份到/)).toBeVisible()
    const card = page.getByTestId('backup-card')
    await expect(card).toContainText('最近一次成功备份')
    await expect(card.getByRole('button', { name: '恢复' })).toHaveCount(1)
    expect(readdirSync(folder).filter((f) => f.endsWith('.sqlite3'))).toHaveLength(1)
    await shot('settings-and-backup')
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})
