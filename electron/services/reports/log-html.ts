import { zhText } from '../../../shared/i18n/zh-text'
import type { Statistics } from '../../../shared/reports/types'
import { RECEIPT_FONT_FAMILY } from '../../print/receipt-font'
import { LOG_COLUMNS, summaryLines } from './formats'
import type { LogRow } from './log-rows'

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** Cells kept on one line (登记时间, 案件编号, 来访人, 身份证号): a split case number or name misreads. */
const ONE_LINE = new Set(['登记时间', '案件编号', '来访人', '身份证号', '人数'])
/** The columns on paper: the exports' queue columns stay in the exports (formats.ts). */
const PRINTED = LOG_COLUMNS.filter((c) => c.print !== false)
/** Page numbers in the page's bottom margin, on every page (Chromium's @page margin boxes). */
const PAGE_NUMBER = '"第 " counter(page) " 页 共 " counter(pages) " 页"'
const PAGE_NUMBER_GLYPHS = '第页共0123456789 '

/** What the printed 台账 carries besides its rows: the audit chain's end when it was made. */
export interface LogMarks {
  /** The audit trail's row count and newest hash: a later 校验 can be held against the paper. */
  chain: { rows: number; hash: string }
  /** Who made it and when (工号 and hall-local time): in the header and as a light watermark on every page. */
  exportedBy: string
}

/** The 台账 as a printable landscape A4 document, for PDF and the print dialog. */
export async function logHtml(
  title: string,
  stats: Statistics,
  rows: LogRow[],
  timeZone: string,
  fontCss: (text: string) => Promise<string>,
  marks: LogMarks,
): Promise<string> {
  const head = ['序号', ...PRINTED.map((c) => c.header)].map((h) => `<th class="nw">${escape(h)}</th>`).join('')
  const body = rows
    .map((r, i) => {
      const cells = PRINTED.map((c) => {
        const v = c.value(r, timeZone)
        return escape(v instanceof Date ? v.toISOString().slice(0, 16).replace('T', ' ') : String(v))
      })
      return `<tr><td class="nw">${i + 1}</td>${cells.map((c, j) => `<td${ONE_LINE.has(PRINTED[j]?.header ?? '') ? ' class="nw"' : ''}>${c}</td>`).join('')}</tr>`
    })
    .join('')
  // The total line: batches (one per registration) and person-times (a group visit counts its people).
  const people = rows.reduce((n, r) => n + r.headcount, 0)
  const total = `<tr class="total"><td colspan="${PRINTED.length + 1}">${escape(zhText('reports.logTotal', { batches: rows.length, people }))}</td></tr>`
  const summary = summaryLines(stats)
    .map(([k, v, by]) => `<span class="s"><b>${escape(k.trim())}</b> ${escape(String(v))}<i>（${escape(by)}）</i></span>`)
    .join('')
  const empty = rows.length === 0 ? `<p>${escape(zhText('today.empty'))}</p>` : ''
  const chain = `<p class="chain" data-chain-rows="${marks.chain.rows}" data-chain-hash="${marks.chain.hash}">${escape(
    zhText('reports.chainHead', { n: marks.chain.rows, hash: marks.chain.hash }),
  )}</p>`
  const by = `<p class="by" data-exported-by>${escape(marks.exportedBy)}</p>`
  // Fixed-position, so the print engine repeats it on every page.
  const watermark = `<div class="wm" aria-hidden="true" data-watermark>${`<span>${escape(marks.exportedBy)}</span>`.repeat(12)}</div>`
  const content = `${watermark}<h1>${escape(title)}</h1>${by}<div class="summary">${summary}</div>${chain}<table><thead><tr>${head}</tr></thead><tbody>${body}${total}</tbody></table>${empty}`
  const css = await fontCss(content.replace(/<[^>]+>/g, '') + PAGE_NUMBER_GLYPHS)
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${css}
@page{size:297mm 210mm;margin:10mm 10mm 12mm;@bottom-center{content:${PAGE_NUMBER};font-family:'${RECEIPT_FONT_FAMILY}',sans-serif;font-size:8pt}}body{font-family:'${RECEIPT_FONT_FAMILY}',sans-serif;font-size:8.5pt;margin:0}
h1{font-size:14pt;text-align:center;margin:0 0 3mm}.summary{margin-bottom:3mm}.chain{font-size:7pt;margin:0 0 2mm;word-break:break-all}
.by{text-align:right;font-size:8pt;margin:0 0 2mm}.wm{position:fixed;inset:0;display:flex;flex-wrap:wrap;align-content:space-around;pointer-events:none;z-index:-1}
.wm span{width:33%;text-align:center;padding:14mm 0;transform:rotate(-20deg);color:rgba(0,0,0,0.07);font-size:15pt;white-space:nowrap}.s{margin-right:5mm;white-space:nowrap}
table{width:100%;border-collapse:collapse}th,td{border:0.2mm solid #555;padding:0.8mm 1.2mm;vertical-align:top;text-align:left}
th{background:#e8eef7}thead{display:table-header-group}tr{break-inside:avoid}.nw{white-space:nowrap}
.total td{font-weight:700;background:#f4f4f4}
</style></head><body>${content}</body></html>`
}
