import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { expect, setUpHall, test } from './fixtures'
import { registerSample } from './intake-steps'

test('the administrator exports today’s 台账 as Excel and CSV, and sees the statistics', async ({ page, host, shot }, testInfo) => {
  await setUpHall(page, host)
  const caseNumber = await registerSample(page)
  await page.getByRole('menuitem', { name: '台账与统计' }).click()
  await page.getByRole('button', { name: '今天', exact: true }).click()
  const cards = page.getByTestId('stats-cards')
  const stat = (title: string) =>
    cards.locator('.ant-statistic').filter({ has: page.getByText(title, { exact: true }) }).locator('.ant-statistic-content-value')
  // One individual visit today: one batch, one person-time.
  await expect(stat('批次')).toHaveText('1')
  await expect(stat('人次')).toHaveText('1')
  await shot('statistics')

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()])
  const day = caseNumber.slice(3, 11)
  expect(xlsx.suggestedFilename()).toBe(`台账_${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}.xlsx`)
  const xlsxPath = testInfo.outputPath(xlsx.suggestedFilename())
  await xlsx.saveAs(xlsxPath)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(xlsxPath)
  const sheet = book.getWorksheet('台账')
  expect(sheet?.getRow(2).getCell(3).value).toBe('案件编号')
  expect(sheet?.getRow(3).getCell(3).value).toBe(caseNumber)
  expect(sheet?.getRow(3).getCell(5).value).toBe('420106********0311')

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 CSV/ }).click()])
  const csvPath = testInfo.outputPath(csv.suggestedFilename())
  await csv.saveAs(csvPath)
  const bytes = readFileSync(csvPath)
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(bytes.toString('utf8')).toContain(`${caseNumber},吕建国,420106********0311`)
  await shot('after-export')
})
