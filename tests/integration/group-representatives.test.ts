import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import type { PrinterAdapter } from '../../electron/print/printer'
import { maskIdNumber } from '../../shared/id-number'
import { maskPhone } from '../../shared/phone'
import { representative } from '../support/representatives'
import { addUser, call, ok, setUpHall, tempDir, testCore, validIntake, type FakeClock } from './helpers'

// Issue #13: each representative of a group visit has 姓名, 身份证号 (or the reason there is
// none) and 联系电话; the receipt, the 台账 and the case page show them masked as the visitor's.

/** A printer that keeps the HTML it was given. */
function keepingPrinter() {
  const pages: string[] = []
  const adapter: PrinterAdapter = {
    direct: true,
    list: () => Promise.resolve([]),
    print: (html) => {
      pages.push(html)
      return Promise.resolve({ ok: true })
    },
    savePdf: (html) => {
      pages.push(html)
      return Promise.resolve({ ok: true, path: '/tmp/回执.pdf' })
    },
    toPdf: () => Promise.resolve(Buffer.from('%PDF-1.7')),
    saveFile: (_path, name) => Promise.resolve({ ok: true, path: `/tmp/${name}` }),
  }
  return Object.assign(adapter, { pages })
}

const LIU = representative('刘芳', 1, { idNumber: '110101199003074514', phone: '13812344567' })
const ZHANG = representative('张卫东', 2, { noId: true, idNumber: '', noIdReason: '身份证丢失', phone: '027-88886666' })

let dir: ReturnType<typeof tempDir>
let core: Core & { clock: FakeClock }
let printer: ReturnType<typeof keepingPrinter>

beforeEach(async () => {
  dir = tempDir()
  printer = keepingPrinter()
  core = await testCore(dir.dir, undefined, { printer })
  await setUpHall(core)
  await addUser(core, 'r1', 'receptionist', 'R001')
})
afterEach(async () => {
  await core.close()
  dir.remove()
})

async function registerGroup(): Promise<string> {
  const input = validIntake('330105195201010173', { kind: 'group', headcount: 30, representatives: [LIU, ZHANG] })
  return (await ok(core, 'r1', 'intake.register', input)).caseNumber
}

/** What a person reads in an HTML page: the text of its cells, tags left out. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&quot;|&amp;/g, ' ')

describe('group visit representatives', () => {
  it('are masked on the receipt, with the reason where a representative has no ID number', async () => {
    const caseNumber = await registerGroup()
    await ok(core, 'r1', 'receipts.print', { caseNumber })
    const page = text(printer.pages[0] ?? '')
    expect(page).toContain(`刘芳 ${maskIdNumber(LIU.idNumber)} ${maskPhone(LIU.phone)}`)
    expect(page).toContain(`张卫东 无身份证（身份证丢失） ${maskPhone('027-88886666')}`)
    expect(page).not.toContain(LIU.idNumber)
    expect(page).not.toContain(LIU.phone)
    expect(page).not.toContain('88886666')
  })

  it('are masked in the 台账 (its page; Excel and CSV take the same columns)', async () => {
    const caseNumber = await registerGroup()
    const day = '2026-11-22' // the fake clock's day in the hall (10:00 in Asia/Shanghai)
    const { html } = await ok(core, 'admin', 'reports.logHtml', { from: day, to: day })
    const page = text(html)
    expect(page).toContain('代表')
    expect(page).toContain(caseNumber)
    expect(page).toContain(`刘芳 ${maskIdNumber(LIU.idNumber)} ${maskPhone(LIU.phone)}；张卫东 无身份证（身份证丢失） 027****6666`)
    expect(page).not.toContain(LIU.idNumber)
    expect(page).not.toContain(LIU.phone)
  })

  it('are masked on the case page, and stored whole and normalized', async () => {
    const caseNumber = await registerGroup()
    const detail = await ok(core, 'r1', 'cases.get', { caseNumber })
    expect(detail.representatives).toEqual([
      { name: '刘芳', maskedIdNumber: '110101********4514', noIdReason: null, maskedPhone: '138****4567' },
      { name: '张卫东', maskedIdNumber: '', noIdReason: '身份证丢失', maskedPhone: '027****6666' },
    ])
    const row = core.connection.raw.prepare('SELECT representatives FROM visits WHERE case_number = ?').get(caseNumber) as { representatives: string }
    expect(JSON.parse(row.representatives)).toEqual([
      { name: '刘芳', idNumber: '110101199003074514', noIdReason: null, phone: '13812344567' },
      { name: '张卫东', idNumber: null, noIdReason: '身份证丢失', phone: '027-88886666' },
    ])
  })

  it("refuses a representative's wrong ID number on its own field", async () => {
    const input = validIntake('330105195201010173', {
      kind: 'group',
      headcount: 30,
      representatives: [LIU, { ...ZHANG, noId: false, idNumber: '110101199003074515' }],
    })
    const result = await call(core, 'r1', 'intake.register', input)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.fields).toMatchObject([{ path: 'representatives.1.idNumber', key: 'v.idNumber.checksum' }])
  })
})
