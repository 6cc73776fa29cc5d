import { expect, setUpHall, test } from './fixtures'
import { LV, registerSample } from './intake-steps'

// Issue 13: search finds what people type at the desk, best match first, and says why.
test('search finds a case by part of its number, the last four digits of the phone, a name with the last ID digits and a category, saying why', async ({
  page,
  host,
  shot,
}) => {
  await setUpHall(page, host)
  const caseNumber = await registerSample(page)
  const [, day, seq] = /^WH-(\d{8})-(\d{4})$/.exec(caseNumber) ?? []
  await page.getByRole('menuitem', { name: '案件查询' }).click()
  const box = page.getByLabel(/案件编号或其后几位/)
  const results = page.getByTestId('search-results')
  const find = async (query: string, reason: string) => {
    await box.fill(query)
    await page.getByRole('button', { name: /查找/ }).click()
    const row = results.getByRole('row', { name: new RegExp(caseNumber) })
    await expect(row, query).toBeVisible()
    await expect(row.getByTestId('match-reason'), query).toHaveText(reason)
    // The list shows the ID masked, never whole.
    await expect(row).toContainText('420106********0311')
  }
  await find(seq ?? '', '案件编号的一部分')
  await find(`${day}-${seq}`, '案件编号的一部分')
  await find(caseNumber, '案件编号')
  await find(LV.phone.slice(-4), '联系电话末几位')
  await find(`${LV.name} ${LV.id.slice(-4)}`, '姓名和身份证号末几位')
  await find('市政设施', '诉求类别')
  await find(LV.name, '来访人姓名')
  await shot('search-by-name')
  await find('排水', '五必问中的文字')
  // The case number's row comes first, above the phone tail of the same digits (here 0001 is both).
  await box.fill(seq ?? '')
  await page.getByRole('button', { name: /查找/ }).click()
  await expect(results.locator('tbody tr.ant-table-row').first()).toContainText(caseNumber)
  await page.setViewportSize({ width: 1366, height: 768 })
  await find(`${LV.name} ${LV.id.slice(-4)}`, '姓名和身份证号末几位')
  // At 1366 wide the case number, the date and the name each stay on one line.
  const row = results.getByRole('row', { name: new RegExp(caseNumber) })
  for (const text of [caseNumber, LV.name]) {
    const cell = row.getByRole('cell').filter({ hasText: text }).first()
    const box = await cell.boundingBox()
    expect(box?.height ?? 99, text).toBeLessThan(60)
  }
  await shot('search-1366')
})
