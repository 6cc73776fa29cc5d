import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { freshSchema } from '../support/pg-schema'
import { tcpProxy } from '../support/tcp-proxy'
import { ADMIN, SCREENSHOTS, expect, fillSetup, keepRecoveryKey, signIn, startHost, stopHost, test } from './fixtures'
import type { Host } from './fixtures'
import { LV, answersAndRouting, registerSample, threeShows, visitor } from './intake-steps'

// One hall, two desks (issue #10): two browser hosts, as two PCs of the hall would run
// `npm run serve -- --database … --desk-name …`, on one PostgreSQL database (a fresh schema of the
// test server). Desk 2 reaches the server through a TCP proxy the journey cuts and restores: the
// hall's server "stopped and started" while its receptionist types, without stopping the cluster
// the other tests use. Needs the test server (INTAKE_DESK_TEST_DATABASE; CI sets it).
const DATABASE = process.env.INTAKE_DESK_TEST_DATABASE || undefined
const SKIP_REASON = 'INTAKE_DESK_TEST_DATABASE is not set: there is no PostgreSQL server for the hall’s desks'
if (DATABASE === undefined) console.log(`[hall journey] skipped: ${SKIP_REASON}`)

const LIVE = { timeout: 2000 }
const SECOND = { name: '钱秀英', id: '110105198807300426', phone: '13800003333', address: '武汉市江岸区某街道' }
const TYPED_WHILE_AWAY = '断线期间继续填写：对方答复三日内派人查看。'

async function desk(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  return context.newPage()
}

/** The 台账's rows on a desk's open 今日台账. */
const todayRows = (page: Page) => page.getByTestId('today-table').locator('tbody tr.ant-table-row')

/** Waits until the desk has stored a draft holding `text` on its own side (the answer says so). */
async function draftSaved(page: Page, text: string): Promise<void> {
  const response = await page.waitForResponse((r) => {
    const body = r.request().postData() ?? ''
    return r.url().endsWith('/rpc') && body.includes('"drafts.save"') && body.includes(text)
  })
  expect(await response.json()).toMatchObject({ ok: true })
}

test('two desks on one hall database: a registration shows on the other desk within 2 s, the earlier visit is found there, and a cut of the server loses nothing', async ({ browser }) => {
  test.skip(DATABASE === undefined, SKIP_REASON)
  // Two hosts, three registrations and a cut of the server: longer than one desk's journey.
  test.setTimeout(300_000)
  const cleanups: (() => Promise<unknown> | void)[] = []
  try {
    const { schema, drop } = await freshSchema(DATABASE ?? '', 'e2e')
    cleanups.push(drop)
    const hall = new URL(DATABASE ?? '')
    hall.searchParams.set('options', `-c search_path=${schema}`)
    const proxy = await tcpProxy(hall.hostname, Number(hall.port || 5432))
    cleanups.push(proxy.close)
    const viaProxy = new URL(hall)
    viaProxy.hostname = '127.0.0.1'
    viaProxy.port = String(proxy.port)
    const start = async (url: URL, deskName: string, env: NodeJS.ProcessEnv = {}): Promise<Host> => {
      const dataDir = mkdtempSync(join(tmpdir(), 'intake-desk-e2e-hall-'))
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
      const host = await startHost(dataDir, ['--database', url.toString(), '--desk-name', deskName], env)
      cleanups.push(() => stopHost(host))
      return host
    }

    // Desk 1 starts on the empty database: it gets the schema, and its setup creates the hall.
    const host1 = await start(hall, '1号窗口')
    const one = await desk(browser)
    cleanups.push(() => one.context().close())
    await fillSetup(one, host1)
    const recoveryKey = await keepRecoveryKey(one)
    await expect(one.getByTestId('signed-in-as')).toContainText(ADMIN.name)
    await expect(one.getByTestId('desk-name')).toHaveText('本窗口：1号窗口')
    await expect(one.getByTestId('desk-link-state')).toHaveText('已连接大厅数据库')

    // Desk 2 joins with the hall's recovery key: it finds the hall and opens sign-in, not setup.
    const host2 = await start(viaProxy, '2号窗口', { INTAKE_DESK_KEY: recoveryKey })
    const two = await desk(browser)
    cleanups.push(() => two.context().close())
    await two.goto(host2.url)
    await signIn(two, ADMIN.badgeNo, ADMIN.password)
    await expect(two.getByTestId('signed-in-as')).toContainText(ADMIN.name)
    await expect(two.getByText('首次使用：设置接待大厅')).toHaveCount(0)
    await expect(two.getByTestId('desk-name')).toHaveText('本窗口：2号窗口')
    await expect(two.getByTestId('desk-link-state')).toHaveText('已连接大厅数据库')
    await two.getByRole('menuitem', { name: '今日台账' }).click()
    await expect(two.getByText('今天还没有登记。')).toBeVisible()
    // Set once; a reload would lose it.
    await two.evaluate(() => Object.assign(window, { hallTestMarker: 'still here' }))

    // Desk 1 registers; desk 2's open 今日台账 shows the case within 2 s, without a reload.
    const first = await registerSample(one)
    expect(first).toMatch(/^WH-\d{8}-0001$/)
    await expect(two.getByTestId('today-table')).toContainText(first, LIVE)
    await expect(two.getByTestId('today-table')).toContainText(LV.name)
    // A hall's 台账 names the window that registered each case.
    await expect(two.getByRole('row', { name: new RegExp(first) }).getByTestId('today-desk')).toHaveText('1号窗口')
    expect(await two.evaluate(() => (window as unknown as { hallTestMarker?: string }).hallTestMarker)).toBe('still here')
    await one.screenshot({ path: join(SCREENSHOTS, 'hall-01-desk1-registered-1366x768.png') })
    await two.screenshot({ path: join(SCREENSHOTS, 'hall-02-desk2-today-1366x768.png') })

    // The same visitor comes back to desk 2: the visit registered at desk 1 is there.
    await two.getByRole('menuitem', { name: '接访登记' }).click()
    await threeShows(two)
    await visitor(two)
    const history = two.getByTestId('history-panel')
    await expect(history).toContainText('此人此前来访 1 次')
    await expect(history).toContainText(first)
    await expect(history).toContainText('城乡建设·市政设施')
    await two.screenshot({ path: join(SCREENSHOTS, 'hall-03-desk2-earlier-visit-1366x768.png') })
    await answersAndRouting(two)
    await two.getByRole('button', { name: '登记', exact: true }).click()
    await expect(two.getByTestId('registered-title')).toHaveText('登记成功')
    const second = await two.getByTestId('case-number').innerText()
    expect(second).toBe(first.replace(/0001$/, '0002'))
    await one.getByRole('menuitem', { name: '今日台账' }).click()
    await expect(one.getByTestId('today-table')).toContainText(second, LIVE)

    // The next visitor at desk 2, all but 登记 filled in and kept as a draft…
    await two.getByRole('button', { name: '接待下一位' }).click()
    await threeShows(two)
    await visitor(two, SECOND)
    await answersAndRouting(two)
    await expect(two.getByTestId('draft-status')).toBeVisible()

    // …when the hall's server goes away. The header says so; the receptionist goes back and types on.
    await proxy.stop()
    const linkState = two.getByTestId('desk-link-state')
    await expect(linkState).toHaveText('大厅数据库连接中断，正在重新连接…', { timeout: 10_000 })
    await expect(linkState).toHaveAttribute('data-state', 'reconnecting')
    await two.getByRole('button', { name: '上一步' }).click()
    const saved = draftSaved(two, TYPED_WHILE_AWAY)
    await two.getByLabel('此前办理情况').fill(TYPED_WHILE_AWAY)
    await saved
    await expect(two.getByText(/草稿保存失败/)).toHaveCount(0)
    await two.screenshot({ path: join(SCREENSHOTS, 'hall-04-desk2-disconnected-1366x768.png') })
    await two.locator('.ant-layout-header').screenshot({ path: join(SCREENSHOTS, 'hall-05-desk2-disconnected-header.png') })

    // 登记 while the server is away: refused within 10 s with a Chinese message, the form kept.
    await two.getByRole('button', { name: '下一步' }).click()
    const asked = Date.now()
    await two.getByRole('button', { name: '登记', exact: true }).click()
    const refused = two.getByRole('alert').filter({ hasText: '大厅数据库连接中断，正在重新连接…' })
    await expect(refused).toContainText('数据未被修改', { timeout: 10_000 })
    expect(Date.now() - asked).toBeLessThan(10_000)
    await expect(two.getByRole('button', { name: '登记', exact: true })).toBeEnabled()
    await expect(two.getByTestId('registered-title')).toHaveCount(0)
    await two.screenshot({ path: join(SCREENSHOTS, 'hall-06-desk2-refused-1366x768.png') })
    // A reload while the server is away names the hall's database, not this desk's own service…
    await two.reload()
    await expect(two.getByText('大厅数据库连接中断，正在重新连接…')).toBeVisible({ timeout: 15_000 })
    await expect(two.getByText(/无法连接到接访台服务/)).toHaveCount(0)
    await two.screenshot({ path: join(SCREENSHOTS, 'hall-06b-desk2-reloaded-away-1366x768.png') })

    // …and once the server is back the desk comes back by itself (no 重试), the header says so,
    // and the draft is the desk's own — a reload offers it back.
    await proxy.start()
    await expect(linkState).toHaveText('已连接大厅数据库', { timeout: 15_000 })
    await two.reload()
    await expect(two.getByText(/发现未完成的登记草稿/)).toBeVisible()
    await two.getByRole('button', { name: '恢复草稿' }).click()
    await two.getByRole('button', { name: '上一步' }).click()
    await expect(two.getByLabel('此前办理情况')).toHaveValue(TYPED_WHILE_AWAY)
    await two.getByRole('button', { name: '上一步' }).click()
    await expect(two.getByLabel('身份证号')).toHaveValue(SECOND.id)
    await two.getByRole('button', { name: '下一步' }).click()
    await two.getByRole('button', { name: '下一步' }).click()

    // 登记 now goes through, once, with the next number: the refused attempt took none.
    await two.getByRole('button', { name: '登记', exact: true }).click()
    await expect(two.getByTestId('registered-title')).toHaveText('登记成功')
    const third = await two.getByTestId('case-number').innerText()
    expect(third).toBe(first.replace(/0001$/, '0003'))
    await two.screenshot({ path: join(SCREENSHOTS, 'hall-07-desk2-registered-after-1366x768.png') })
    await expect(one.getByTestId('today-table')).toContainText(third, LIVE)
    await expect(todayRows(one)).toHaveCount(3)
    await expect(one.getByTestId('today-table')).toContainText(SECOND.name)
    await one.screenshot({ path: join(SCREENSHOTS, 'hall-08-desk1-today-1366x768.png') })
    await two.getByRole('menuitem', { name: '今日台账' }).click()
    await expect(todayRows(two)).toHaveCount(3)
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup()
  }
})
