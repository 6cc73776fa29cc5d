import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { apiClient } from './api'
import { ADMIN, expect, setUpHall, signIn, startHost, stopHost, test } from './fixtures'
import { registerSample } from './intake-steps'

// 个人信息保存期限 (issue #12): a case closed on 2 March 2026 has kept its visitor's personal data
// for 6 months on 2 September 2026; on 2 December the administrator purges it in two confirmed
// steps, and the case page then shows the case without the visitor.
test('an administrator purges the personal data of a case past the retention period in two confirmed steps', async ({ page, shot }) => {
  test.slow()
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-desk-e2e-'))
  let host = await startHost(dataDir, ['--clock', '2026-03-02T02:00:00Z'])
  try {
    await setUpHall(page, host)
    const caseNumber = await registerSample(page)
    const api = apiClient(host)
    await api.ok('auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
    await api.ok('cases.act', { caseNumber, step: { action: 'close', result: '已督促施工单位修复排水管网，来访人表示满意。' } })
    await stopHost(host)

    host = await startHost(dataDir, ['--clock', '2026-12-02T02:00:00Z'])
    await page.goto(host.url)
    await signIn(page, ADMIN.badgeNo, ADMIN.password)
    await page.getByRole('menuitem', { name: '大厅设置' }).click()
    const card = page.getByTestId('retention-card')
    // 36 months by default: nothing is due yet.
    await expect(card.getByLabel('办结后保存')).toHaveValue('36')
    await expect(card.getByTestId('retention-summary')).toContainText('待清除 0 件，已清除 0 件')
    await card.getByLabel('办结后保存').fill('6')
    await card.getByRole('button', { name: '保存期限' }).click()
    await expect(page.getByText('保存期限已改为办结后 6 个月。')).toBeVisible()
    await expect(card.getByTestId('retention-summary')).toHaveText('2026-06-02 及以前办结的案件已到期：待清除 1 件，已清除 0 件。')
    await expect(card.getByTestId('retention-table')).toContainText(caseNumber)
    await card.scrollIntoViewIfNeeded()
    await shot('due')

    // Step one says what goes and what stays; step two wants the count typed.
    await card.getByRole('button', { name: '清除这 1 件的个人信息…' }).click()
    const first = page.getByRole('dialog').filter({ hasText: '清除 1 件案件的个人信息？' })
    await expect(first).toContainText('清除后无法恢复')
    await expect(first).toContainText('将保留：案件编号')
    await shot('step-one')
    await first.getByRole('button', { name: '下一步' }).click()
    const second = page.getByRole('dialog').filter({ hasText: '再次确认' })
    await second.getByLabel('要清除的件数').fill('2')
    await second.getByRole('button', { name: '确认清除' }).click()
    await expect(second.getByRole('alert')).toContainText('输入的件数与要清除的 1 件不符')
    await shot('step-two-wrong-count')
    await second.getByLabel('要清除的件数').fill('1')
    await second.getByRole('button', { name: '确认清除' }).click()
    await expect(page.getByText('已清除 1 件案件的个人信息。')).toBeVisible()
    await expect(card.getByTestId('retention-summary')).toContainText('待清除 0 件，已清除 1 件')

    // The case stays, without its visitor.
    await page.goto(`${host.url}#/case/${caseNumber}`)
    await expect(page.getByTestId('case-status')).toHaveText('已办结')
    await expect(page.getByText('（已清除）').first()).toBeVisible()
    await expect(page.getByText('吕建国')).toHaveCount(0)
    await expect(page.getByRole('button', { name: '显示完整身份证号' })).toHaveCount(0)
    await shot('case-after-purge')
  } finally {
    await stopHost(host)
    rmSync(dataDir, { recursive: true, force: true })
  }
})
