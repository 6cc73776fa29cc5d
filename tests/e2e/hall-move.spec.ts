import { join } from 'node:path'
import { freshSchema } from '../support/pg-schema'
import { SCREENSHOTS, expect, setUpHall, test } from './fixtures'
import { registerSample } from './intake-steps'

// 迁移到大厅数据库 (issue #10): the administrator of a single desk moves its hall into an empty
// PostgreSQL database from 大厅设置, sees the checks and the next step, and a second move into
// the now-taken database is refused. Needs the test server (INTAKE_DESK_TEST_DATABASE; CI sets it).
const DATABASE = process.env.INTAKE_DESK_TEST_DATABASE || undefined

test('an administrator moves the desk’s hall into an empty hall database and is told the next step', async ({ page, host }) => {
  test.skip(DATABASE === undefined, 'INTAKE_DESK_TEST_DATABASE is not set: there is no PostgreSQL server to move into')
  // The move writes into a schema of its own, named through the URL's options.
  const { schema, drop } = await freshSchema(DATABASE ?? '', 'e2e')
  try {
    await page.setViewportSize({ width: 1366, height: 768 })
    await setUpHall(page, host)
    const caseNumber = await registerSample(page)
    await page.getByRole('menuitem', { name: '大厅设置' }).click()
    const card = page.getByTestId('hall-move-card')
    await card.scrollIntoViewIfNeeded()
    await expect(card.getByRole('button', { name: /开始迁移/ })).toBeDisabled()
    await card.getByText('逐项填写', { exact: true }).click()
    await card.getByLabel('主机').fill('db-host')
    await expect(card.getByRole('button', { name: /开始迁移/ })).toBeEnabled()
    await card.locator('#hall-move-password').fill('secret')
    await page.screenshot({ path: join(SCREENSHOTS, 'hall-move-01-card-1366x768.png') })

    await card.getByText('连接串', { exact: true }).first().click()
    await card.locator('#hall-move-url').fill(`${DATABASE}?options=-c%20search_path%3D${schema}`)
    await card.getByRole('button', { name: /开始迁移/ }).click()
    await page.getByRole('dialog').getByRole('button', { name: '开始迁移' }).click()
    await expect(card.getByTestId('hall-move-job')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 })
    await expect(card).toContainText('迁移完成，核对无误。')
    await expect(card).toContainText(`最后迁移的案件：${caseNumber}。`)
    await expect(card).toContainText('链条完整')
    await expect(card.getByTestId('hall-move-summary')).toHaveText('23 张数据表逐表核对（行数与每行内容）：23 张一致，0 张不一致。')
    await expect(card.getByTestId('hall-move-next')).toContainText('npm run serve -- --database postgres://USER:PASSWORD@')
    await card.getByTestId('hall-move-job').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOTS, 'hall-move-02-done-1366x768.png') })

    // The hall database now holds the hall: a second move is refused, saying what to do.
    await card.getByRole('button', { name: /开始迁移/ }).click()
    await page.getByRole('dialog').getByRole('button', { name: '开始迁移' }).click()
    await expect(card.getByTestId('hall-move-refused')).toContainText('目标数据库中已有接待大厅“武汉市信访局接待大厅”')
    await card.getByTestId('hall-move-refused').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOTS, 'hall-move-03-refused-1366x768.png') })
  } finally {
    await drop()
  }
})
