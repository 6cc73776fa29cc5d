import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { apiClient } from './api'
import { ADMIN, expect, setUpHall, test } from './fixtures'
import { registerSample } from './intake-steps'

test('the administrator exports today’s 台账 as Excel and CSV, and sees the statistics', async ({ page, host, shot }, testInfo) => {
  await setUpHall(page, host)
  // The visitor took A001 at the kiosk; the administrator's desk called it at window 2 (issue #15).
  const api = apiClient(host)
  await api.ok('queue.kioskTake', { kind: 'individual', headcount: 1 })
  await api.ok('auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
  expect((await api.ok('queue.callNext', { window: 2 }))?.number).toBe('A001')
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

  // 排队与评价: the ticket's window with one 取号, one 叫号, no 过号, one 已登记, and its times in minutes.
  const times = page.getByTestId('queue-times')
  await expect(times).toContainText('等候时长：取号至叫号；服务时长：叫号至登记')
  const windowRow = page.getByTestId('queue-times-window').locator('tbody tr').filter({ hasText: '2号窗口' })
  const cells = windowRow.locator('td')
  await expect(cells).toHaveText(['2号窗口', '1', '1', '0', '1', /^\d+\.\d$/, /^\d+\.\d$/, /^\d+\.\d$/, /^\d+\.\d$/])
  await expect(page.getByTestId('queue-times-kind').locator('tbody tr').first().locator('td').first()).toHaveText('个人访')
  await expect(page.getByTestId('queue-times-day').locator('tbody tr')).toHaveCount(1)

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
  // The case's ticket at the row's end: 排队号, 取号时间, 等候时长, 服务时长 (minutes), 窗口.
  const header = sheet?.getRow(2).values as unknown[]
  expect(header.slice(-5)).toEqual(['排队号', '取号时间', '等候时长（分钟）', '服务时长（分钟）', '窗口'])
  const queueCells = (sheet?.getRow(3).values as unknown[]).slice(-5)
  expect(queueCells[0]).toBe('A001')
  expect(queueCells[1]).toBeInstanceOf(Date)
  expect(typeof queueCells[2]).toBe('number')
  expect(typeof queueCells[3]).toBe('number')
  expect(queueCells[4]).toBe(2)

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 CSV/ }).click()])
  const csvPath = testInfo.outputPath(csv.suggestedFilename())
  await csv.saveAs(csvPath)
  const bytes = readFileSync(csvPath)
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(bytes.toString('utf8')).toContain(`${caseNumber},吕建国,420106********0311`)
  const caseLine = bytes.toString('utf8').split('\r\n').find((l) => l.includes(caseNumber)) ?? ''
  expect(caseLine).toMatch(/,A001,\d{4}-\d\d-\d\d \d\d:\d\d,[\d.]+,[\d.]+,2$/)
  await shot('after-export')
})
