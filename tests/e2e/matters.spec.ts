import type { Page } from '@playwright/test'
import { apiClient } from './api'
import { ADMIN, expect, setUpHall, test } from './fixtures'
import { threeShows } from './intake-steps'
import { choose } from './select'

// Issue #16: a visitor without an ID card comes back about a matter still being handled. The
// desk offers the earlier case (同名同电话, then 诉求相似 once the facts are typed), the
// receptionist confirms 同一事项, the routing step proposes recording the visit on the open case
// with its unit and due date, and the earlier case's timeline shows the repeat visit.

const VISITOR = { name: '王秀英', phone: '13912345678', address: '武汉市江汉区常青路88号' }
const FACTS = '我在光谷某建筑工地做钢筋工，从今年三月干到八月，包工头张某拖欠工资三万六千元，多次讨要未果，现在人已联系不上。'
const DEMANDS = '要求总包单位和包工头支付拖欠的工资三万六千元，并赔偿误工损失。'

async function both(page: Page, shot: (name: string) => Promise<void>, name: string): Promise<void> {
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h })
    await shot(`${name}-${w}x${h}`)
  }
}

test('a repeat visit on the same matter by a visitor without an ID card is recorded on the open case', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  // The first visit, earlier: assigned to the human resources and social security bureau.
  const api = apiClient(host)
  await api.ok('auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
  const blank = { text: '', mark: null, reason: '' }
  const first = await api.ok('intake.register', {
    shows: { badge: true, name: true, position: true },
    showsConfirmedAt: new Date().toISOString(),
    visitor: { ...VISITOR, noId: true, idNumber: '', noIdReason: '未带身份证' },
    kind: 'individual',
    headcount: 1,
    representatives: [],
    answers: {
      facts: { ...blank, text: FACTS },
      demands: { ...blank, text: DEMANDS },
      difficulties: { ...blank, text: '家中老人看病急需用钱。' },
      history: { ...blank, text: '首次来访。' },
      priorHandling: { ...blank, text: '曾向劳动监察大队投诉，未解决。' },
    },
    categoryId: 6,
    routing: 'assigned',
    routingBody: '',
    routingReason: '',
    routingContact: '',
    unitId: 2,
  })

  const before = await api.ok('cases.get', { caseNumber: first.caseNumber })
  await page.getByRole('menuitem', { name: '接访登记' }).click()
  await threeShows(page)
  await page.getByLabel('姓名').fill(VISITOR.name)
  await page.getByLabel('无身份证', { exact: true }).check()
  await page.getByLabel('无身份证原因').fill('身份证丢失，据本人口述登记')
  await page.getByLabel('联系电话').fill('139 1234 5678')
  await page.getByLabel('住址').fill('武汉市江汉区常青路 88 号')
  const panel = page.getByTestId('matter-panel')
  const candidate = panel.getByTestId('matter-candidate').filter({ hasText: first.caseNumber })
  await expect(candidate).toContainText('同名同电话')
  await expect(candidate).toContainText('同名同住址')
  await expect(candidate).toContainText('市人力资源和社会保障局办理')
  await both(page, shot, 'visitor-candidates')
  await page.getByRole('button', { name: '下一步' }).click()

  await page.getByLabel('事实真相').fill('包工头张某拖欠我在光谷工地做钢筋工的工资三万六千元，从三月干到八月，多次讨要未果。')
  await page.getByLabel('诉求与理由').fill(DEMANDS)
  await page.getByLabel('实际困难').fill('家中老人看病急需用钱。')
  await page.getByLabel('信访经历').fill(`${first.caseNumber} 来访过一次。`)
  await page.getByLabel('此前办理情况').fill('已交办市人社局，尚无结果。')
  await choose(page, panel.getByLabel('诉求类别（用于比对诉求内容）'), '劳动社保·欠薪')
  await expect(candidate).toContainText(/诉求相似 \d+%/)
  await candidate.getByRole('button', { name: '同一事项', exact: true }).click()
  await expect(candidate).toContainText('已确认为同一事项')
  await both(page, shot, 'answers-confirmed')
  await page.getByRole('button', { name: '下一步' }).click()

  // The routing step: the matter is being handled; record the visit on it instead of a new acceptance.
  const proposal = page.getByTestId('matter-proposal')
  await expect(proposal).toContainText(`${first.caseNumber} 正在办理中`)
  await expect(proposal).toContainText('该事项正由市人力资源和社会保障局办理，办理期限至')
  await page.getByTestId('matter-apply').click()
  await expect(page.getByRole('radio', { name: '当场办结' })).toBeChecked()
  await expect(page.getByLabel('办理结果')).toHaveValue(new RegExp(`本次来访与 ${first.caseNumber} 为同一事项`))
  await both(page, shot, 'routing-proposal')
  await page.getByRole('button', { name: '登记', exact: true }).click()
  await expect(page.getByTestId('registered-title')).toHaveText('登记成功')
  const second = await page.getByTestId('case-number').innerText()

  // The earlier case: the repeat visit on its timeline, its deadlines as they were.
  await page.goto(`${host.url}#/case/${first.caseNumber}`)
  await expect(page.getByTestId('case-repeat-visits')).toHaveText('同一事项重复来访 1 次')
  await expect(page.getByText(`重复来访：${second}`)).toBeVisible()
  const after = await api.ok('cases.get', { caseNumber: first.caseNumber })
  expect(after.clocks.map((k) => k.due)).toEqual(before.clocks.map((k) => k.due))
  await both(page, shot, 'earlier-case')
})
