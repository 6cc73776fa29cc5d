import ExcelJS from 'exceljs'
import { describe, expect } from 'vitest'
import { it } from './fixtures'
import { ok, validIntake } from './helpers'

const DAY = '2026-11-22'

it.override('users', { desk: ['receptionist', 'R001'] })
it.beforeEach(async ({ core }) => {
  await ok(core, 'desk', 'intake.register', validIntake())
})

function chainOf(html: string): { rows: number; hash: string; text: string } {
  const m = /<p class="chain" data-chain-rows="(\d+)" data-chain-hash="([0-9a-f]{64})">([^<]*)<\/p>/.exec(html)
  if (m === null) throw new Error('the 台账 carries no audit chain line')
  return { rows: Number(m[1]), hash: m[2] ?? '', text: m[3] ?? '' }
}

describe('the printed 台账 (print dialog and PDF)', () => {
  it('carries the audit chain’s row count and newest hash, which stay in the trail at that row', async ({ core }) => {
    const raw = core.connection.raw
    const expected = raw.prepare('SELECT count(*) AS rows, (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS hash FROM audit_log').get() as {
      rows: number
      hash: string
    }
    const { html } = await ok(core, 'admin', 'reports.logHtml', { from: DAY, to: DAY })
    const chain = chainOf(html)
    expect(chain).toMatchObject(expected)
    expect(chain.text).toBe(`审计日志核对值：共 ${expected.rows} 条记录，末条哈希 ${expected.hash}`)

    // The trail goes on; the paper still names a row of it: the one at that count.
    await ok(core, 'desk', 'intake.register', validIntake())
    const later = chainOf((await ok(core, 'admin', 'reports.logHtml', { from: DAY, to: DAY })).html)
    expect(later.rows).toBeGreaterThan(chain.rows)
    const atCount = raw.prepare('SELECT hash FROM audit_log ORDER BY id LIMIT 1 OFFSET ?').pluck().get(chain.rows - 1)
    expect(atCount).toBe(chain.hash)
  })

  it('names who printed it and when, and carries that as a light watermark on every page', async ({ core }) => {
    const { html } = await ok(core, 'admin', 'reports.logHtml', { from: DAY, to: DAY })
    // The administrator A001 at 10:00 hall time (02:00 UTC, the test clock).
    const by = '导出：工号 A001，2026-11-22 10:00'
    expect(html).toContain(`<p class="by" data-exported-by>${by}</p>`)
    const watermark = /<div class="wm" aria-hidden="true" data-watermark>(.*?)<\/div>/.exec(html)?.[1] ?? ''
    expect(watermark.split('</span>').filter((s) => s !== '').every((s) => s === `<span>${by}`)).toBe(true)
    expect(watermark.length).toBeGreaterThan(0)
    // Fixed to the page (so every printed page repeats it), light, and under the text.
    expect(html).toMatch(/\.wm\{position:fixed;inset:0;[^}]*z-index:-1\}/)
    expect(html).toMatch(/\.wm span\{[^}]*color:rgba\(0,0,0,0\.07\)/)
  })
})

describe('every export’s header', () => {
  it('an Excel 台账 prints who exported it and when at the top of every page of both sheets', async ({ core }) => {
    let job = await ok(core, 'admin', 'reports.export', { kind: 'log', format: 'xlsx', from: DAY, to: DAY })
    while (job.status === 'running') {
      await new Promise<void>((resolve) => setImmediate(resolve))
      job = await ok(core, 'admin', 'reports.job', { id: job.id })
    }
    const file = core.exports.take('admin', job.id)
    if (file === null) throw new Error('no export file')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file.path)
    for (const name of ['台账', '汇总']) {
      const header = wb.getWorksheet(name)?.headerFooter
      expect(header?.oddHeader).toBe('&R导出：工号 A001，2026-11-22 10:00')
      expect(header?.evenHeader).toBe('&R导出：工号 A001，2026-11-22 10:00')
    }
  })
})
