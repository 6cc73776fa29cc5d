import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import ExcelJS from 'exceljs'
import { zhText } from '../../../shared/i18n/zh-text'
import type { Rate, Statistics } from '../../../shared/reports/types'
import type { LogRow } from './log-rows'
import { dateTimeFormat } from '../../../shared/intl'

/**
 * The 台账's columns: header, width, how a row fills it, and whether the printed A4 台账 has it too
 * (`print: false`: the queue's times are for the exports and the statistics; on paper five more
 * columns squeezed 诉求摘要 to a few characters a line).
 */
export const LOG_COLUMNS: { header: string; width: number; print?: false; value: (r: LogRow, tz: string) => string | number | Date }[] = [
  { header: '登记时间', width: 18, value: (r, tz) => localDate(r.registeredAt, tz) },
  { header: '案件编号', width: 19, value: (r) => r.caseNumber },
  { header: '来访人', width: 10, value: (r) => r.visitorName },
  { header: '身份证号', width: 21, value: (r) => r.maskedIdNumber },
  { header: '来访类型', width: 9, value: (r) => zhText(`visitor.${r.kind}`) },
  { header: '人数', width: 6, value: (r) => r.headcount },
  { header: '诉求类别', width: 18, value: (r) => r.category },
  { header: '诉求摘要', width: 48, value: (r) => r.demands },
  { header: '办理方式', width: 10, value: (r) => zhText(`routing.${r.routing}`) },
  { header: '责任单位', width: 22, value: (r) => r.unit },
  { header: '当前状态', width: 10, value: (r) => zhText(`case.status.${r.status}`) },
  { header: '接待人', width: 10, value: (r) => r.receptionist },
  { header: '同一事项', width: 19, value: (r) => r.matterCaseNumber },
  // A group visit's representatives, masked as the visitor's ID number (issue #13).
  { header: '代表', width: 40, value: (r) => r.representatives },
  // The queue ticket the case was registered from (issue #15): 取号 → 叫号 is the waiting time, 叫号 → 登记 the service time.
  { header: '排队号', width: 8, print: false, value: (r) => r.ticket?.number ?? '' },
  { header: '取号时间', width: 18, print: false, value: (r, tz) => (r.ticket === null ? '' : localDate(r.ticket.issuedAt, tz)) },
  { header: '等候时长（分钟）', width: 10, print: false, value: (r) => r.ticket?.waitMinutes ?? '' },
  { header: '服务时长（分钟）', width: 10, print: false, value: (r) => r.ticket?.serviceMinutes ?? '' },
  { header: '窗口', width: 6, print: false, value: (r) => r.ticket?.window ?? '' },
]

/**
 * Excel shows a date cell as it is stored, without a time zone: store the hall's wall-clock
 * time so that 10:05 in the hall reads 10:05 in the sheet.
 */
export function localDate(iso: string, timeZone: string): Date {
  const p = dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso))
  const n = (t: string) => Number(p.find((x) => x.type === t)?.value ?? 0)
  return new Date(Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')))
}

export function formatRate(r: Rate): string {
  return r.value === null ? '—' : `${(r.value * 100).toFixed(1)}%（${r.numerator}/${r.denominator}）`
}

/** Which day a figure counts a case by (statistics.ts): said next to every figure. */
export const COUNTED_BY = {
  registration: '按登记日期计',
  closing: '按办结日期计',
  rating: '按回访评价日期计',
} as const

/** The summary lines every export and the statistics page share: label, figure, and the day it counts by. */
export function summaryLines(s: Statistics): [string, string | number, string][] {
  return [
    ['统计期间', `${s.from} 至 ${s.to}`, '含当日'],
    ['批次', s.batches, COUNTED_BY.registration],
    ['人次', s.persons, COUNTED_BY.registration],
    ['及时受理率', formatRate(s.timelyAcceptance), COUNTED_BY.registration],
    ['按期办结率', formatRate(s.onTimeClosing), COUNTED_BY.closing],
    ['满意率', formatRate(s.satisfaction), COUNTED_BY.rating],
    ['  其中 满意 / 基本满意 / 不满意', `${s.satisfaction.satisfied} / ${s.satisfaction.basicallySatisfied} / ${s.satisfaction.unsatisfied}`, COUNTED_BY.rating],
    ['当日办结率', formatRate(s.sameDay), COUNTED_BY.registration],
    ['重复来访', s.repeatVisits, COUNTED_BY.registration],
    ['重复来访（按事项）', s.repeatVisitsByMatter, COUNTED_BY.registration],
    ['  涉及事项', s.repeatMatters, COUNTED_BY.registration],
  ]
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Writes the 台账 as XLSX, streaming: a year of rows never freezes the main process. */
export async function writeXlsx(
  file: string,
  title: string,
  exportedBy: string,
  stats: Statistics,
  pages: AsyncIterable<LogRow[]>,
  timeZone: string,
  onRows: (n: number) => void,
): Promise<number> {
  // Our own stream, so that the file is created readable by its owner only.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(file, { mode: 0o600 }), useStyles: true, useSharedStrings: false })
  wb.creator = '接访台 Intake Desk'
  // Who exported it, and when, in the page header of every printed page.
  const headerFooter = { oddHeader: `&R${exportedBy.replace(/&/g, '&&')}`, evenHeader: `&R${exportedBy.replace(/&/g, '&&')}` }
  const sheet = wb.addWorksheet('台账', {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter,
  })
  // The streaming writer cannot insert rows: widths first, then the title row, then the headers.
  sheet.columns = [{ key: 'n', width: 7 }, ...LOG_COLUMNS.map((c, i) => ({ key: `c${i}`, width: c.width }))]
  const titleRow = sheet.addRow([title])
  sheet.mergeCells(1, 1, 1, LOG_COLUMNS.length + 1)
  titleRow.font = { bold: true, size: 14 }
  titleRow.alignment = { horizontal: 'center' }
  titleRow.commit()
  const header = sheet.addRow(['序号', ...LOG_COLUMNS.map((c) => c.header)])
  header.font = { bold: true }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }
  header.commit()
  let n = 0
  for await (const page of pages) {
    for (const r of page) {
      n += 1
      const values = LOG_COLUMNS.map((c) => c.value(r, timeZone))
      const row = sheet.addRow([n, ...values])
      // Every time (登记时间, 取号时间) shows as the hall's date and minute.
      values.forEach((v, i) => {
        if (v instanceof Date) row.getCell(i + 2).numFmt = 'yyyy-mm-dd hh:mm'
      })
      row.commit()
    }
    onRows(n)
    await yieldToEventLoop()
  }
  sheet.commit()

  const summary = wb.addWorksheet('汇总', { headerFooter })
  summary.columns = [{ width: 30 }, { width: 40 }, { width: 18 }]
  const add = (values: (string | number)[], bold = false) => {
    const row = summary.addRow(values)
    if (bold) row.font = { bold: true }
    row.commit()
  }
  add([title], true)
  for (const line of summaryLines(stats)) add(line)
  for (const [heading, list] of [
    ['按诉求类别', stats.byCategory],
    ['按责任单位', stats.byUnit],
    ['按接待人', stats.byReceptionist],
  ] as const) {
    add([])
    add([heading, '批次', '人次'], true)
    for (const r of list) add([r.name || '（未交办）', r.batches, r.persons])
  }
  add([])
  add(['按日', '批次', '人次'], true)
  for (const d of stats.byDay) add([d.day, d.batches, d.persons])
  summary.commit()
  await wb.commit()
  return n
}

/**
 * One CSV cell. Text that a spreadsheet would read as a formula (starting with = + - @, a tab or
 * a carriage return: CSV injection) is prefixed with an apostrophe, which Excel, WPS and
 * LibreOffice show as text; numbers are written as numbers.
 */
export function csvField(value: string | number): string {
  const s = typeof value === 'number' ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Writes the 台账 as CSV in UTF-8 with a BOM, so that Excel opens the Chinese correctly. */
export async function writeCsv(file: string, exportedBy: string, pages: AsyncIterable<LogRow[]>, timeZone: string, onRows: (n: number) => void): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8', mode: 0o600 })
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain')
  }
  await write('\uFEFF')
  // The header line: who exported it and when, before the column names.
  await write(`${csvField(exportedBy)}\r\n`)
  await write(`${['序号', ...LOG_COLUMNS.map((c) => c.header)].join(',')}\r\n`)
  let n = 0
  for await (const page of pages) {
    for (const r of page) {
      n += 1
      const values = LOG_COLUMNS.map((c) => {
        const v = c.value(r, timeZone)
        return v instanceof Date ? v.toISOString().slice(0, 16).replace('T', ' ') : v
      })
      await write(`${[n, ...values].map(csvField).join(',')}\r\n`)
    }
    onRows(n)
    await yieldToEventLoop()
  }
  out.end()
  await once(out, 'finish')
  return n
}
