import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { freshSchema } from '../support/pg-schema'
import type { Host } from './fixtures'
import { ADMIN, SCREENSHOTS, expect, fillSetupForm, keepRecoveryKey, signIn, startHost, stopHost, test } from './fixtures'

// The first run (issue #10): before setup the desk offers 单机使用（本机数据库） or 连接大厅数据库, as
// the desktop app always does and the browser host with --first-run-choice. Joining switches the
// running desk to the hall database without a restart: an empty one gets the schema and the
// desk's setup creates the hall there; a second fresh desk joining it goes straight to sign-in.
// The hall journey needs the test server (INTAKE_DESK_TEST_DATABASE; CI sets it); each run joins
// a fresh schema of it (--test-schema, tests only: the form names no schema).
const DATABASE = process.env.INTAKE_DESK_TEST_DATABASE || undefined
const SKIP_REASON = 'INTAKE_DESK_TEST_DATABASE is not set: there is no hall database to join'

const CHOICE_TITLE = '首次使用：选择数据保存方式'

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  return context.newPage()
}

/** Both sizes of one screen, at the top. */
async function shots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height })
    await page.screenshot({ path: join(SCREENSHOTS, `first-run-${name}-${width}x${height}.png`) })
  }
  await page.setViewportSize({ width: 1366, height: 768 })
}

async function fillConnection(page: Page, url: URL, password: string): Promise<void> {
  const form = page.getByTestId('first-run-hall')
  await form.getByLabel('主机').fill(url.hostname)
  await form.getByLabel('端口').fill(url.port || '5432')
  await form.getByLabel('数据库').fill(url.pathname.slice(1))
  await form.getByLabel('用户').fill(decodeURIComponent(url.username))
  await form.getByLabel('密码').fill(password)
}

test('a fresh desk joins an empty hall database on the first run and sets the hall up there; a second fresh desk joins it and signs in', async ({ browser }) => {
  test.skip(DATABASE === undefined, SKIP_REASON)
  test.setTimeout(180_000)
  const cleanups: (() => Promise<unknown> | void)[] = []
  try {
    const { schema, drop } = await freshSchema(DATABASE ?? '', 'e2e')
    cleanups.push(drop)
    const url = new URL(DATABASE ?? '')
    const password = decodeURIComponent(url.password)
    const start = async (deskName: string, env: NodeJS.ProcessEnv = {}): Promise<Host> => {
      const dataDir = mkdtempSync(join(tmpdir(), 'intake-desk-e2e-first-run-'))
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
      const host = await startHost(dataDir, ['--first-run-choice', '--test-schema', schema, '--desk-name', deskName], env)
      cleanups.push(() => stopHost(host))
      return host
    }

    // Desk 1: a fresh desk offers both choices.
    const host1 = await start('1号窗口')
    const one = await freshPage(browser)
    cleanups.push(() => one.context().close())
    await one.goto(host1.url)
    const choice = one.getByTestId('first-run-choice')
    await expect(choice.getByText(CHOICE_TITLE)).toBeVisible()
    await expect(choice.getByRole('button', { name: '单机使用（本机数据库）' })).toBeVisible()
    await expect(choice.getByRole('button', { name: '连接大厅数据库' })).toBeVisible()
    await shots(one, '01-choice')

    // 连接大厅数据库: a wrong password is refused in Chinese, nothing saved.
    await choice.getByRole('button', { name: '连接大厅数据库' }).click()
    const form = one.getByTestId('first-run-hall')
    await expect(form.getByText('填写信息技术人员提供的大厅数据库连接信息。')).toBeVisible()
    await fillConnection(one, url, 'not-the-password')
    await form.getByRole('button', { name: /测试连接/ }).click()
    const outcome = form.getByTestId('hall-connection-outcome')
    await expect(outcome).toContainText(`大厅数据库拒绝登录：用户“${decodeURIComponent(url.username)}”的用户名或密码不正确。请核对后重试；未保存任何内容。`)
    await shots(one, '02-wrong-password')
    await form.getByRole('button', { name: /连接并继续/ }).click()
    await expect(outcome).toContainText('大厅数据库拒绝登录')

    // The right one: 测试连接 shows the server and that the database is empty.
    await form.getByLabel('密码').fill(password)
    await form.getByRole('button', { name: /测试连接/ }).click()
    await expect(outcome).toContainText(/连接成功：PostgreSQL 1\d\.\d+，编码 UTF8，字符分类 C\.UTF-8。/)
    await expect(outcome).toContainText('数据库是空的：第一个连接的窗口会建立数据库结构，并在其上设置大厅。')
    await shots(one, '03-tested')

    // Joined without a reload (the marker stays): the empty hall database's setup comes next.
    await one.evaluate(() => Object.assign(window, { firstRunMarker: 'still here' }))
    await form.getByRole('button', { name: /连接并继续/ }).click()
    await fillSetupForm(one)
    const recoveryKey = await keepRecoveryKey(one)
    await expect(one.getByTestId('signed-in-as')).toContainText(ADMIN.name)
    await expect(one.getByTestId('desk-link-state')).toHaveText('已连接大厅数据库')
    await expect(one.getByTestId('desk-name')).toHaveText('本窗口：1号窗口')
    expect(await one.evaluate(() => (window as unknown as { firstRunMarker?: string }).firstRunMarker)).toBe('still here')
    await one.screenshot({ path: join(SCREENSHOTS, 'first-run-04-desk1-signed-in-1366x768.png') })

    // Desk 2, fresh, with the hall's recovery key: it joins and goes straight to sign-in with desk 1's hall.
    const host2 = await start('2号窗口', { INTAKE_DESK_KEY: recoveryKey })
    const two = await freshPage(browser)
    cleanups.push(() => two.context().close())
    await two.goto(host2.url)
    await two.getByTestId('first-run-choice').getByRole('button', { name: '连接大厅数据库' }).click()
    await fillConnection(two, url, password)
    const twoForm = two.getByTestId('first-run-hall')
    await twoForm.getByRole('button', { name: /测试连接/ }).click()
    await expect(twoForm.getByTestId('hall-connection-outcome')).toContainText('数据库中已有大厅“武汉市信访局接待大厅”')
    await twoForm.getByRole('button', { name: /连接并继续/ }).click()
    await expect(two.getByRole('heading', { name: '武汉市信访局接待大厅' })).toBeVisible()
    await expect(two.getByText('首次使用：设置接待大厅')).toHaveCount(0)
    await signIn(two, ADMIN.badgeNo, ADMIN.password)
    await expect(two.getByTestId('signed-in-as')).toContainText(ADMIN.name)
    await expect(two.getByTestId('desk-name')).toHaveText('本窗口：2号窗口')
    await expect(two.getByTestId('desk-link-state')).toHaveText('已连接大厅数据库')

    // A reload of desk 1 finds it set up on the hall database: no choice, no setup.
    await one.reload()
    await expect(one.getByTestId('signed-in-as')).toContainText(ADMIN.name)
    await expect(one.getByText(CHOICE_TITLE)).toHaveCount(0)
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup()
  }
})

test('单机使用（本机数据库） on the first run goes on to setup on this PC, and back to the choice', async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-desk-e2e-first-run-'))
  const host = await startHost(dataDir, ['--first-run-choice'])
  const page = await freshPage(browser)
  try {
    await page.goto(host.url)
    const choice = page.getByTestId('first-run-choice')
    // In English too (every string is in both catalogues), then back to Chinese.
    await choice.getByRole('button', { name: 'English' }).click()
    await expect(choice.getByText('First run: where the data is kept')).toBeVisible()
    await expect(choice.getByRole('button', { name: 'Single desk (local database)' })).toBeVisible()
    await shots(page, '05-choice-en')
    await choice.getByRole('button', { name: 'Connect to the hall database' }).click()
    await expect(page.getByTestId('first-run-hall').getByRole('button', { name: /Connect and continue/ })).toBeVisible()
    await shots(page, '06-form-en')
    await page.getByRole('button', { name: 'Back to the choice' }).click()
    await choice.getByRole('button', { name: '中文' }).click()
    await choice.getByRole('button', { name: '单机使用（本机数据库）' }).click()
    await expect(page.getByText('首次使用：设置接待大厅')).toBeVisible()
    await page.getByRole('button', { name: '返回选择' }).click()
    await expect(page.getByText(CHOICE_TITLE)).toBeVisible()
    await choice.getByRole('button', { name: '单机使用（本机数据库）' }).click()
    await fillSetupForm(page)
    await keepRecoveryKey(page)
    await expect(page.getByTestId('signed-in-as')).toContainText(ADMIN.name)
    await expect(page.getByTestId('desk-link-state')).toHaveAttribute('data-state', 'local')
    // Set up: a reload offers the choice no more.
    await page.reload()
    await expect(page.getByTestId('signed-in-as')).toContainText(ADMIN.name)
    await expect(page.getByText(CHOICE_TITLE)).toHaveCount(0)
  } finally {
    await page.context().close()
    await stopHost(host)
    rmSync(dataDir, { recursive: true, force: true })
  }
})
