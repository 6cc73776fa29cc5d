import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { apiClient } from './api'
import { choose } from './select'
import { ADMIN, SCREENSHOTS, expect, setUpHall, signIn, startHost, stopHost, test } from './fixtures'
import { registerSample } from './intake-steps'

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

test('a restore brings back the backed-up cases, and numbering continues after the last number issued', async ({ page, shot }) => {
  const folder = mkdtempSync(join(tmpdir(), 'intake-desk-backups-'))
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-desk-e2e-'))
  // 10:00 in the hall, so that every number of the journey falls on the same hall day.
  const host = await startHost(dataDir, ['--clock', '2026-11-20T02:00:00Z'])
  try {
    await setUpHall(page, host)
    await page.getByRole('menuitem', { name: '接访登记' }).click()
    expect(await registerSample(page)).toBe('WH-20261120-0001')
    await page.getByRole('menuitem', { name: '大厅设置' }).click()
    await page.getByLabel('备份文件夹').fill(folder)
    await page.getByRole('button', { name: '保存设置' }).click()
    await page.getByRole('button', { name: /立即备份/ }).click()
    await expect(page.getByText(/已备份到/)).toBeVisible()

    // Case 0002 is registered after the backup: its receipt is in the visitor's hands.
    await page.getByRole('menuitem', { name: '接访登记' }).click()
    expect(await registerSample(page)).toBe('WH-20261120-0002')

    await page.getByRole('menuitem', { name: '大厅设置' }).click()
    await page.getByTestId('backup-card').getByRole('button', { name: '恢复' }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText('备份之后登记的案件只保留在其中')
    await expect(dialog).toContainText('不会重复')
    await expect(dialog.getByRole('button', { name: '恢复' })).toBeVisible()
    await shot('restore-confirm')
    await dialog.getByRole('button', { name: '恢复' }).click()

    // Every session ended with the old database: sign in again.
    await signIn(page, ADMIN.badgeNo, ADMIN.password)
    await expect(page.getByTestId('signed-in-as')).toContainText(ADMIN.name)
    await page.getByRole('menuitem', { name: '今日台账' }).click()
    await expect(page.getByText('WH-20261120-0001')).toBeVisible()
    await expect(page.getByText('WH-20261120-0002')).toHaveCount(0)
    await page.getByRole('menuitem', { name: '接访登记' }).click()
    expect(await registerSample(page)).toBe('WH-20261120-0003')
    await shot('after-restore')
  } finally {
    await stopHost(host)
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(folder, { recursive: true, force: true })
  }
})

test('the administrator sets the queue: 绿色通道 cap, 过号 minutes, minutes per visitor and the call sound', async ({ page, host }) => {
  await setUpHall(page, host)
  await page.getByRole('menuitem', { name: '大厅设置' }).click()
  const card = page.getByTestId('queue-settings-card')
  await expect(card.getByLabel('绿色通道最多连续叫号')).toHaveValue('3')
  await expect(card.getByLabel('过号可回来的时限（分钟）')).toHaveValue('30')
  await expect(card.getByTestId('queue-voice-here')).toContainText('在本机打开叫号大屏时，语音：')

  // Out of range: a Chinese message on the field, nothing saved.
  await card.getByLabel('绿色通道最多连续叫号').fill('0')
  await card.getByRole('button', { name: '保存排队叫号设置' }).click()
  await expect(card.getByText('请填写 1–20 之间的整数。')).toBeVisible()
  const api = apiClient(host)
  await api.ok('auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
  expect((await api.ok('queue.settings', {})).priorityCap).toBe(3)

  await card.getByLabel('绿色通道最多连续叫号').fill('2')
  await card.getByLabel('过号可回来的时限（分钟）').fill('10')
  await choose(page, card.getByLabel('叫号声音'), '只用提示音')
  await expect(card.getByTestId('queue-voice-here')).toHaveText('在本机打开叫号大屏时，语音：提示音（大厅设置）')
  await card.getByRole('button', { name: '保存排队叫号设置' }).click()
  await expect(page.getByText('排队叫号设置已保存。')).toBeVisible()
  expect(await api.ok('queue.settings', {})).toEqual({ priorityCap: 2, skipReturnMinutes: 10, serviceMinutes: 15, voice: 'chime' })
  // The hall screen follows the setting.
  expect((await api.ok('queue.board', {})).voice).toBe('chime')

  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size)
    await card.scrollIntoViewIfNeeded()
    await card.screenshot({ path: join(SCREENSHOTS, `settings-queue-card-${size.width}x${size.height}.png`) })
  }
  // Still there after a reload.
  await page.reload()
  await expect(page.getByTestId('queue-settings-card').getByLabel('绿色通道最多连续叫号')).toHaveValue('2')
})
