import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import { browserOnlyPrinter } from '../../electron/print/printer'
import { call, ok, setUpHall, tempDir, testCore, validIntake, type FakeClock } from './helpers'

// Issue #11: every print and save of the 台账 is audited — who, the period, its rows (and pages
// for a PDF), and how it went out. The browser host saves PDF files through the machine's
// Chromium; here a stand-in renderer returns a three-page PDF as Chromium writes it.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Pages /Count 3>>\n2 0 obj <</Type /Page>>\n3 0 obj <</Type /Page>>\n4 0 obj <</Type /Page>>\n%%EOF')
const DAY = '2026-11-22'

let dir: ReturnType<typeof tempDir>
let core: Core & { clock: FakeClock }
let rendered: string[]

function auditRows(action: string) {
  return core.connection.raw
    .prepare('SELECT a.entity, a.entity_id, a.detail, u.badge_no FROM audit_log a JOIN users u ON u.id = a.user_id WHERE a.action = ? ORDER BY a.id')
    .all(action) as { entity: string; entity_id: string; detail: string; badge_no: string }[]
}

beforeEach(async () => {
  dir = tempDir()
  rendered = []
  const toPdf = (html: string) => {
    rendered.push(html)
    return Promise.resolve(PDF)
  }
  core = await testCore(dir.dir, undefined, { printer: { ...browserOnlyPrinter, toPdf } })
  await setUpHall(core)
  await ok(core, 'admin', 'intake.register', validIntake())
  await ok(core, 'admin', 'intake.register', validIntake('110105198807300426'))
})
afterEach(async () => {
  await core.close()
  dir.remove()
})

describe('the printed 台账 is audited', () => {
  it('a PDF saved on the browser host appends one report.export row: who, period, rows, pages, format; the file downloads once', async () => {
    const before = auditRows('report.export').length
    const started = await ok(core, 'admin', 'reports.export', { kind: 'log', format: 'pdf', from: DAY, to: DAY })
    let job = started
    while (job.status === 'running') {
      await new Promise<void>((resolve) => setImmediate(resolve))
      job = await ok(core, 'admin', 'reports.job', { id: started.id })
    }
    expect(job.status, job.error ?? '').toBe('done')
    // No direct printer: the browser downloads the file instead of a save dialog.
    expect(job.download).toBe(`/download/${job.id}`)
    expect(job.fileName).toBe(`台账_${DAY}.pdf`)
    expect(rendered).toHaveLength(1)
    expect(rendered[0]).toContain('第 " counter(page) " 页 共 " counter(pages) " 页')

    const rows = auditRows('report.export')
    expect(rows).toHaveLength(before + 1)
    expect(rows.at(-1)).toMatchObject({ entity: 'report', entity_id: job.fileName, badge_no: 'A001' })
    // Two registrations, three pages as the renderer laid them out.
    expect(JSON.parse(rows.at(-1)?.detail ?? '{}')).toEqual({ kind: 'log', format: 'pdf', from: DAY, to: DAY, rows: 2, pages: 3 })

    const file = core.exports.take('admin', job.id)
    expect(file?.fileName).toBe(job.fileName)
    file?.done()
    expect(core.exports.take('admin', job.id)).toBeNull()
  })

  it('a print through the browser dialog appends one report.print row when the page is handed out', async () => {
    expect(auditRows('report.print')).toHaveLength(0)
    const { html, fileName } = await ok(core, 'admin', 'reports.logHtml', { from: DAY, to: DAY })
    expect(fileName).toBe(`台账_${DAY}.pdf`)
    expect(html).toContain('data-watermark')
    const rows = auditRows('report.print')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ entity: 'report', entity_id: `台账_${DAY}`, badge_no: 'A001' })
    expect(JSON.parse(rows[0]?.detail ?? '{}')).toEqual({ kind: 'log', target: 'browser', from: DAY, to: DAY, rows: 2 })
  })

  it('without a PDF renderer the export is refused in words, and nothing is audited', async () => {
    const other = tempDir()
    const plain = await testCore(other.dir)
    try {
      await setUpHall(plain)
      const r = await call(plain, 'admin', 'reports.export', { kind: 'log', format: 'pdf', from: DAY, to: DAY })
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.message).toContain('另存为 PDF')
      expect(plain.connection.raw.prepare("SELECT count(*) FROM audit_log WHERE action = 'report.export'").pluck().get()).toBe(0)
    } finally {
      await plain.close()
      other.remove()
    }
  })
})
