import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { ReceiptLayout, Routing } from '../../shared/domain'
import type { IntakeInput } from '../../shared/intake/schemas'
import { emptyIntake } from '../../shared/intake/schemas'
import { representatives } from '../support/representatives'
import { apiClient } from './api'
import { ADMIN, SCREENSHOTS, expect, test } from './fixtures'

interface SampleVisit {
  visitor: { name: string; idNumber: string | null; noIdReason?: string; phone: string | null; address: string }
  kind: 'individual' | 'group'
  headcount: number
  representatives?: string[]
  category: string
  facts: string
  demands: string
  difficulties: string
  history: string
  priorHandling: string
}

const samples = (JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/sample-visits.json'), 'utf8')) as { visits: SampleVisit[] }).visits
const OUT = join(SCREENSHOTS, 'receipts')

function intakeOf(v: SampleVisit, categoryId: number, routing: Routing): IntakeInput {
  const answer = (text: string) => ({ text, mark: null, reason: '' })
  return {
    ...emptyIntake(),
    shows: { badge: true, name: true, position: true },
    showsConfirmedAt: new Date().toISOString(),
    visitor: {
      name: v.visitor.name,
      noId: v.visitor.idNumber === null,
      idNumber: v.visitor.idNumber ?? '',
      noIdReason: v.visitor.noIdReason ?? '',
      phone: v.visitor.phone ?? '',
      address: v.visitor.address,
    },
    kind: v.kind,
    headcount: v.headcount,
    representatives: representatives(...(v.representatives ?? [])),
    answers: {
      facts: answer(v.facts),
      demands: answer(v.demands),
      difficulties: answer(v.difficulties),
      history: answer(v.history),
      priorHandling: answer(v.priorHandling),
    },
    categoryId,
    routing,
    ...(routing === 'transferred'
      ? { routingBody: '武昌区人力资源和社会保障局劳动保障监察大队', routingReason: '属劳动保障监察职责范围' }
      : routing === 'resolved'
        ? { routingReason: '当场解释相关政策，来访人表示理解。' }
        : {}),
  }
}

// Poppler runs asynchronously: a synchronous call blocks the event loop long enough on a busy
// machine that the host's idle keep-alive socket is closed under the next request.
const run = async (command: string, args: string[]) => (await promisify(execFile)(command, args, { encoding: 'utf8' })).stdout
const pdfText = (file: string) => run('pdftotext', ['-layout', file, '-'])

async function decodeQr(pdf: string): Promise<string | null> {
  const prefix = pdf.replace(/\.pdf$/, '')
  await run('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, prefix])
  const png = PNG.sync.read(readFileSync(`${prefix}.png`))
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null
}

test('receipts of the sample visits print as PDFs with the case number, masked ID, three shows, QR and an embedded CJK font', async ({ page, host }) => {
  // Fifteen receipts rendered, read back and their QR decoded: three times the usual time.
  test.slow()
  mkdirSync(OUT, { recursive: true })
  const api = apiClient(host)
  await api.ok('app.setup', { hallName: '武汉市信访局接待大厅', hallCode: 'WH', admin: { ...ADMIN, confirmPassword: ADMIN.password } })
  await api.ok('settings.update', { address: '武汉市武昌区中北路1号', phone: '027-88886666', receiptLayout: 'a4', receiptPrinter: null, idleLockMinutes: 10 })
  const categories = await api.ok('categories.list', {})
  const routings: Routing[] = ['resolved', 'accepted', 'transferred', 'resolved', 'accepted']
  const layouts: ReceiptLayout[] = ['a4', 'a5', 'thermal80']

  for (const [i, v] of samples.entries()) {
    const category = categories.find((c) => c.name === v.category)
    expect(category, v.category).toBeDefined()
    const routing = routings[i] ?? 'accepted'
    const { caseNumber } = await api.ok('intake.register', intakeOf(v, category?.id ?? 0, routing))
    for (const layout of layouts) {
      const printed = await api.ok('receipts.browserPrint', { caseNumber, layout })
      await api.ok('receipts.complete', { printId: printed.printId })
      if (v.visitor.idNumber) expect(printed.html).not.toContain(v.visitor.idNumber)
      await page.setContent(printed.html)
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      const file = join(OUT, `${caseNumber}-${layout}.pdf`)
      writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }))

      const text = await pdfText(file)
      const flat = text.replace(/\s+/g, '')
      expect(flat).toContain(caseNumber)
      expect(flat).toContain(v.visitor.name)
      expect(flat).toContain('来访登记回执')
      if (v.visitor.idNumber) {
        expect(flat).toContain(`${v.visitor.idNumber.slice(0, 6)}********${v.visitor.idNumber.slice(-4)}`)
        expect(flat).not.toContain(v.visitor.idNumber)
      } else {
        expect(flat).toContain('无身份证')
      }
      // The three shows of the receptionist, with the hall's labels.
      for (const s of ['工号', ADMIN.badgeNo, '姓名', ADMIN.name, '职务', ADMIN.position]) expect(flat).toContain(s)
      expect(flat).toContain('请妥善保管本回执')
      expect(flat).toContain('027-88886666')
      if (v.kind === 'group') {
        expect(flat).toContain(`集体访（${v.headcount}人）`)
        // Each representative with the ID number and phone masked as the visitor's are.
        for (const r of representatives(...(v.representatives ?? []))) {
          expect(flat).toContain(`${r.name}${r.idNumber.slice(0, 6)}********${r.idNumber.slice(-4)}${r.phone.slice(0, 3)}****${r.phone.slice(-4)}`)
          expect(flat).not.toContain(r.idNumber)
        }
      }
      if (routing === 'transferred') expect(flat).toContain('请向武昌区人力资源和社会保障局劳动保障监察大队反映')
      if (layout !== 'thermal80') {
        expect(flat).toContain('存根联')
        expect(flat).toContain('沿此线剪开')
      }
      // The copy on every layout after the first is a reprint.
      if (layout === 'a4') expect(flat).not.toContain('补打')
      else expect(flat).toContain(`补打·第${layouts.indexOf(layout) + 1}份`)

      const fonts = await run('pdffonts', [file])
      expect(fonts).toMatch(/NotoSansSC.*\byes\b/)

      const info = await run('pdfinfo', [file])
      const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)
      const widthMm = (Number(size?.[1]) * 25.4) / 72
      expect(widthMm).toBeCloseTo(layout === 'a4' ? 210 : layout === 'a5' ? 148 : 80, 0)

      expect(await decodeQr(file)).toBe(caseNumber)
    }
    // Three prints: one original and two reprints, each recorded with its result.
    const history = await api.ok('receipts.history', { caseNumber })
    expect(history.map((h) => [h.copyNo, h.target, h.status])).toEqual([
      [3, 'browser', 'succeeded'],
      [2, 'browser', 'succeeded'],
      [1, 'browser', 'succeeded'],
    ])
  }
})
