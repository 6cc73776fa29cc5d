import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Locator, Page } from '@playwright/test'
import { test as base, expect } from '@playwright/test'
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import { openSqlite } from '../../electron/db/cipher'
import { databaseKeyIn } from '../../electron/services/keys/hall-secret'

export const SCREENSHOTS = join(import.meta.dirname, 'screenshots')

export interface Host {
  url: string
  dataDir: string
  process: ChildProcess
}

/**
 * Starts the browser host on a fresh data folder and waits for its "listening" line; `env` adds
 * to the environment it inherits (a desk joining a hall is given its recovery key in INTAKE_DESK_KEY).
 */
export async function startHost(dataDir: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Host> {
  const child = spawn(process.execPath, ['dist/electron/serve.cjs', '--data-dir', dataDir, '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    lines.on('line', (line) => {
      // A desk on the hall's database says so after the address.
      const m = /^Intake Desk listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)(?: \(hall database: PostgreSQL\))?$/.exec(line)
      if (m?.[1]) resolve(m[1])
    })
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
  })
  return { url, dataDir, process: child }
}

export async function stopHost(host: Host): Promise<void> {
  if (host.process.exitCode !== null) return
  const exited = new Promise((resolve) => host.process.once('exit', resolve))
  host.process.kill('SIGTERM')
  await exited
}

export const test = base.extend<{ host: Host; shot: (name: string) => Promise<void> }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  host: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'intake-desk-e2e-'))
    const host = await startHost(dataDir)
    await use(host)
    await stopHost(host)
    rmSync(dataDir, { recursive: true, force: true })
  },
  shot: async ({ page }, use, testInfo) => {
    mkdirSync(SCREENSHOTS, { recursive: true })
    const slug = testInfo.title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)
    let n = 0
    await use(async (name: string) => {
      n += 1
      await page.screenshot({ path: join(SCREENSHOTS, `${slug}-${String(n).padStart(2, '0')}-${name}.png`), fullPage: true })
    })
  },
})

export { expect }

export const ADMIN = { badgeNo: 'A001', name: '周建华', position: '大厅主任', password: 'Admin2026pass' }

/** First run, the setup form filled and sent (code WH), up to the recovery key it shows. */
export async function fillSetup(page: Page, host: Host): Promise<void> {
  await page.goto(host.url)
  await fillSetupForm(page)
}

/** The setup form on the page shown now, filled and sent (code WH), up to the recovery key it shows. */
export async function fillSetupForm(page: Page): Promise<void> {
  await expect(page.getByText('首次使用：设置接待大厅')).toBeVisible()
  await page.getByLabel('大厅名称').fill('武汉市信访局接待大厅')
  await page.getByLabel('大厅代码').fill('WH')
  await page.getByLabel('工号').fill(ADMIN.badgeNo)
  await page.getByLabel('姓名').fill(ADMIN.name)
  await page.getByLabel('职务').fill(ADMIN.position)
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password)
  await page.getByLabel('确认密码').fill(ADMIN.password)
  await page.getByRole('button', { name: '完成设置' }).click()
}

/** First run: the setup screen creates the hall and signs the administrator in. */
export async function setUpHall(page: Page, host: Host): Promise<void> {
  await fillSetup(page, host)
  await keepRecoveryKey(page)
  await expect(page.getByTestId('signed-in-as')).toContainText(ADMIN.name)
}

/** After setup: the 恢复密钥 is shown once; the administrator confirms having kept it. */
export async function keepRecoveryKey(page: Page): Promise<string> {
  const key = page.getByTestId('recovery-key')
  await expect(key).toBeVisible()
  const text = (await key.textContent()) ?? ''
  await page.getByLabel('我已打印或抄下恢复密钥，并已妥善保管').check()
  await page.getByRole('button', { name: '我已保管好，进入系统' }).click()
  return text
}

/** The host's database file, opened with the key the host keeps beside it (the file is encrypted). */
export function openHallDatabase(host: Host, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  return openSqlite(join(host.dataDir, 'intake-desk.sqlite3'), databaseKeyIn(host.dataDir), options)
}

export async function signIn(page: Page, badgeNo: string, password: string): Promise<void> {
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible()
  await page.getByLabel('工号').fill(badgeNo)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
}

/**
 * Opens a dialog with `trigger` and waits until it has finished opening: a click while antd's
 * zoom is still running (slow on a loaded machine) can land beside a button that is still moving.
 */
export async function openDialog(page: Page, trigger: Locator): Promise<Locator> {
  await trigger.click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog).not.toHaveClass(/ant-zoom-appear|ant-zoom-enter/)
  return dialog
}
