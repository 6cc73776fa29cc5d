import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { describe, expect } from 'vitest'
import { csvField, summaryLines } from '../../electron/services/reports/formats'
import type { ExportJob } from '../../shared/reports/types'
import { HALL_SETTINGS, it, type TestCore } from './fixtures'
import { ok, validIntake } from './helpers'

// CSV injection: a spreadsheet reads a cell starting with = + - @ (or a tab / carriage return
// before one) as a formula. The 台账 holds what visitors said, so such text must arrive as text.
const FORMULAS = ['=HYPERLINK("http://x.example","点我")', '+1+1', '-2+3', '@SUM(A1:A9)']
const DAY = '2026-11-22'
it.override({ settings: HALL_SETTINGS, users: { r1: ['receptionist', 'R001'] } })

async function exportLog(core: TestCore, format: 'csv' | 'xlsx'): Promise<string> {
  let job: ExportJob = await ok(core, 'admin', 'reports.export', { kind: 'log', format, from: DAY, to: DAY })
  while (job.status === 'running') {
    await new Promise<void>((resolve) => setImmediate(resolve))
    job = await ok(core, 'admin', 'reports.job', { id: job.id })
  }
  expect(job.status, job.error ?? '').toBe('done')
  const file = core.exports.take('admin', job.id)
  if (file === null) throw new Error('no export file')
  return file.path
}

describe('answers that look like formulas', () => {
  it('csvField prefixes = + - @ tab and CR with an apostrophe, leaves numbers and other text alone', () => {
    expect(csvField('=1+1')).toBe("'=1+1")
    expect(csvField('+86 138')).toBe("'+86 138")
    expect(csvField('-5')).toBe("'-5")
    expect(csvField('@x')).toBe("'@x")
    expect(csvField('\t=1')).toBe("'\t=1")
    expect(csvField('\r=1')).toBe(`"'\r=1"`)
    expect(csvField(-5)).toBe('-5')
    expect(csvField('要求=赔偿')).toBe('要求=赔偿')
  })

  it('CSV: none of the four answers is a formula when read back; XLSX stores them as text', async ({ core }) => {
    const ids = ['420106196503120311', '110105198807300426', '330105195201010173', '610602200002290263']
    for (const [i, formula] of FORMULAS.entries()) {
      const base = validIntake(ids[i])
      await ok(core, 'r1', 'intake.register', { ...base, answers: { ...base.answers, demands: { text: formula, mark: null, reason: '' } } })
    }
    const csv = readFileSync(await exportLog(core, 'csv'), 'utf8')
    const col = '诉求摘要'
    // The first line names who exported it; the column names follow.
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '').slice(1)
    const header = lines[0]?.split(',') ?? []
    const at = header.indexOf(col)
    expect(at).toBeGreaterThan(0)
    // Every cell of every row: no field (quoted or not) begins with a formula character.
    const cells = lines.slice(1).flatMap((l) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''))
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([])
    for (const formula of FORMULAS) expect(csv).toContain(`'${formula}`.replace(/"/g, '""'))

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(await exportLog(core, 'xlsx'))
    const sheet = wb.getWorksheet('台账')
    const headerRow = sheet?.getRow(2).values as unknown[]
    const xcol = headerRow.indexOf(col)
    const values: unknown[] = []
    sheet?.eachRow((row, n) => {
      if (n <= 2) return
      const cell = row.getCell(xcol)
      expect(cell.type).toBe(ExcelJS.ValueType.String)
      expect(cell.formula).toBeUndefined()
      values.push(cell.value)
    })
    expect(values.sort()).toEqual([...FORMULAS].sort())
  })
})

describe('every figure says which date it counts by', () => {
  it('summary lines carry the basis: registration, closing or rating', async ({ core }) => {
    const stats = await ok(core, 'admin', 'reports.statistics', { from: DAY, to: DAY })
    const by = new Map(summaryLines(stats).map(([k, , b]) => [k.trim(), b]))
    expect(by.get('批次')).toBe('按登记日期计')
    expect(by.get('及时受理率')).toBe('按登记日期计')
    expect(by.get('按期办结率')).toBe('按办结日期计')
    expect(by.get('满意率')).toBe('按回访评价日期计')
    expect(by.get('当日办结率')).toBe('按登记日期计')
  })
})
