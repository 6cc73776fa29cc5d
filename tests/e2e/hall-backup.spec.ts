import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freshSchema } from '../support/pg-schema'
import { SCREENSHOTS, expect, setUpHall, startHost, stopHost, test } from './fixtures'

// 备份与恢复 in hall mode (issue #10): a desk on the hall's PostgreSQL database says its backups
// are the server's, shows IT the pg_dump and pg_restore commands, and backs up with this PC's
// pg_dump into the backup folder. Needs the test server (INTAKE_DESK_TEST_DATABASE; CI sets it).
const DATABASE = process.env.INTAKE_DESK_TEST_DATABASE || undefined

test('in hall mode the backup card says the server backs up, shows IT the commands, and 立即备份 runs pg_dump', async ({ page }) => {
  test.skip(DATABASE === undefined, 'INTAKE_DESK_TEST_DATABASE is not set: there is no hall database')
  // The desk's hall lives in a schema of its own, named through the URL's options.
  const { schema, drop } = await freshSchema(DATABASE!, 'e2e')
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-desk-e2e-'))
  const host = await startHost(dataDir, ['--database', `${DATABASE}?options=-c%20search_path%3D${schema}%20-c%20TimeZone%3DUTC`, '--desk-name', '1号窗口'])
  try {
    await page.setViewportSize({ width: 1366, height: 768 })
    await setUpHall(page, host)
    await page.getByRole('menuitem', { name: '大厅设置' }).click()
    const card = page.getByTestId('backup-card')
    await card.scrollIntoViewIfNeeded()
    await expect(card.getByTestId('hall-backup')).toContainText('大厅数据库的备份由数据库服务器负责')
    const command = card.getByTestId('pg-dump-command')
    await expect(command).toContainText(`pg_dump --format=custom --no-password --file=${join(dataDir, 'backups')}`)
    await expect(command).toContainText(`--schema=${schema}`)
    for (const part of ['pg-dump-command', 'pgpass-line', 'pg-restore-command']) await expect(card.getByTestId(part)).not.toContainText('intake-desk-test')
    await expect(card.getByTestId('pgpass-line')).toHaveText('127.0.0.1:5432:intake_desk_test:intake_desk_test:PASSWORD')
    await expect(card.getByTestId('pg-dump-found')).toContainText('pg_dump')
    await expect(card.getByTestId('hall-restore')).toContainText('由信息技术人员在服务器上用 pg_restore 完成')
    await page.screenshot({ path: join(SCREENSHOTS, 'hall-backup-01-card-1366x768.png'), fullPage: true })

    await card.getByRole('button', { name: /立即备份/ }).click()
    await expect(page.getByText(/^已备份到 .*intake-desk-hall-\d{8}-\d{6}\.dump$/)).toBeVisible({ timeout: 60_000 })
    const row = card.getByRole('row', { name: /intake-desk-hall-\d{8}-\d{6}\.dump/ })
    await expect(row).toContainText('大厅数据库')
    await expect(row).toContainText('校验一致')
    // The desk never offers to restore the hall database.
    await expect(card.getByRole('button', { name: '恢复' })).toHaveCount(0)
    await card.getByTestId('hall-restore').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOTS, 'hall-backup-02-done-1366x768.png'), fullPage: true })
    await page.setViewportSize({ width: 1920, height: 1080 })
    await card.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOTS, 'hall-backup-03-done-1920x1080.png') })
  } finally {
    await stopHost(host)
    rmSync(dataDir, { recursive: true, force: true })
    await drop()
  }
})
