import { describe, expect } from 'vitest'
import type { PrinterAdapter } from '../../electron/print/printer'
import type { ReceiptLayout } from '../../shared/domain'
import { test } from './fixtures'
import { call, ok, validIntake } from './helpers'

/** A printer that remembers what it was given and fails when told to. */
function fakePrinter() {
  const jobs: { html: string; layout: ReceiptLayout; device: string | null }[] = []
  let failWith: string | null = null
  const adapter: PrinterAdapter = {
    direct: true,
    list: () => Promise.resolve([{ name: 'EPSON-TM', displayName: 'EPSON TM-T88', isDefault: true }]),
    print: (html, layout, device) => {
      jobs.push({ html, layout, device })
      return Promise.resolve(failWith === null ? { ok: true } : { ok: false, reason: failWith })
    },
    savePdf: (html, layout) => {
      jobs.push({ html, layout, device: null })
      return Promise.resolve({ ok: true, path: '/tmp/回执.pdf' })
    },
    toPdf: () => Promise.resolve(Buffer.from('%PDF-1.7')),
    saveFile: (_path, name) => Promise.resolve({ ok: true, path: `/tmp/${name}` }),
  }
  return Object.assign(adapter, { jobs, fail: (reason: string | null) => (failWith = reason) })
}

const it = test.extend<{ printer: ReturnType<typeof fakePrinter>; caseNumber: string }>({
  // eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from its destructuring
  printer: async ({}, use) => {
    await use(fakePrinter())
  },
  // Every test starts with one case registered by r1, whether it names it or not.
  caseNumber: [
    async ({ core }, use) => {
      await use((await ok(core, 'r1', 'intake.register', validIntake())).caseNumber)
    },
    { auto: true },
  ],
})
it.override('coreOptions', ({ printer }) => ({ printer }))
it.override('users', { r1: ['receptionist', 'R001'], r2: ['receptionist', 'R002'], d1: ['duty_officer', 'D001'] })

describe('receipts', () => {
  it('prints silently to the default printer and records who, when, where and the result', async ({ core, printer, caseNumber }) => {
    await ok(core, 'admin', 'settings.update', { address: '中北路1号', phone: '027-88886666', receiptLayout: 'a5', receiptPrinter: 'EPSON-TM', idleLockMinutes: 10 })
    const record = await ok(core, 'r1', 'receipts.print', { caseNumber })
    expect(record).toMatchObject({ copyNo: 1, target: 'printer', printer: 'EPSON-TM', layout: 'a5', status: 'succeeded', userName: '用户R001' })
    expect(printer.jobs[0]?.device).toBe('EPSON-TM')
    expect(printer.jobs[0]?.html).toContain(caseNumber)
    expect(printer.jobs[0]?.html).not.toContain('补打')
  })

  it('a receptionist prints only the case they just registered, and only once', async ({ core, caseNumber }) => {
    await ok(core, 'r1', 'receipts.print', { caseNumber })
    const again = await call(core, 'r1', 'receipts.print', { caseNumber })
    expect(again.ok || again.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('补打请联系值班员') as string })
    const other = await call(core, 'r2', 'receipts.preview', { caseNumber })
    expect(other.ok || other.error.code).toBe('FORBIDDEN')
  })

  // Issue 13: after printing, the receptionist's preview stays (no error) and says 补打 is not theirs.
  it('a receptionist still previews the receipt just printed, told that 补打 is a duty officer’s', async ({ core, caseNumber }) => {
    expect(await ok(core, 'r1', 'receipts.preview', { caseNumber })).toMatchObject({ mayPrint: true, nextCopyNo: 1 })
    await ok(core, 'r1', 'receipts.print', { caseNumber })
    expect(await ok(core, 'r1', 'receipts.preview', { caseNumber })).toMatchObject({ mayPrint: false, nextCopyNo: 2 })
    expect(await ok(core, 'd1', 'receipts.preview', { caseNumber })).toMatchObject({ mayPrint: true, nextCopyNo: 2 })
    expect((await call(core, 'r1', 'receipts.browserPrint', { caseNumber })).ok).toBe(false)
  })

  it('a duty officer reprints: the receipt says 补打 and the copy number, and both prints are recorded', async ({ core, printer, caseNumber }) => {
    await ok(core, 'r1', 'receipts.print', { caseNumber })
    const preview = await ok(core, 'd1', 'receipts.preview', { caseNumber })
    expect(preview.nextCopyNo).toBe(2)
    const reprint = await ok(core, 'd1', 'receipts.print', { caseNumber, layout: 'thermal80' })
    expect(reprint).toMatchObject({ copyNo: 2, layout: 'thermal80', status: 'succeeded', userName: '用户D001' })
    expect(printer.jobs[1]?.html).toContain('补打 · 第 2 份')
    const history = await ok(core, 'd1', 'receipts.history', { caseNumber })
    expect(history.map((h) => h.copyNo)).toEqual([2, 1])
    const audit = core.connection.raw.prepare("select action from audit_log where action like 'receipt.%' order by id").pluck().all()
    expect(audit).toEqual(['receipt.print', 'receipt.printed', 'receipt.reprint', 'receipt.printed'])
  })

  it('a failed print is shown and stored with the printer’s reason, and the next attempt is still copy 1', async ({ core, printer, caseNumber }) => {
    printer.fail('打印机缺纸')
    const failed = await ok(core, 'r1', 'receipts.print', { caseNumber })
    expect(failed).toMatchObject({ copyNo: 1, status: 'failed', failureReason: '打印机缺纸' })
    printer.fail(null)
    const retried = await ok(core, 'r1', 'receipts.print', { caseNumber })
    expect(retried).toMatchObject({ copyNo: 1, status: 'succeeded' })
  })

  it('saves a PDF and records its path', async ({ core, caseNumber }) => {
    const record = await ok(core, 'd1', 'receipts.savePdf', { caseNumber })
    expect(record).toMatchObject({ target: 'pdf', printer: '/tmp/回执.pdf', status: 'succeeded' })
  })

  it('不予受理 and 转送 receipts name the competent body and the reason', async ({ core }) => {
    const refused = await ok(
      core,
      'r1',
      'intake.register',
      validIntake('110105198807300426', { routing: 'rejected', routingBody: '武昌区人民法院', routingContact: '武昌区中山路 100 号，电话 027-88880000', routingReason: '已进入诉讼程序' }),
    )
    const preview = await ok(core, 'd1', 'receipts.preview', { caseNumber: refused.caseNumber })
    expect(preview.html).toContain('武昌区人民法院')
    expect(preview.html).toContain('已进入诉讼程序')
    expect(preview.html).toContain('请向武昌区人民法院反映。')
    const missing = await call(core, 'r1', 'intake.register', validIntake('110105198807300426', { routing: 'transferred' }))
    expect(missing.ok || missing.error.fields?.map((f) => f.path)).toEqual(['routingBody', 'routingReason'])
  })

  it('an unknown case number is a Chinese message, and a malformed one a validation error', async ({ core }) => {
    const unknown = await call(core, 'd1', 'receipts.preview', { caseNumber: 'WH-20200101-0001' })
    expect(unknown.ok || unknown.error.message).toBe('找不到案件 WH-20200101-0001。')
    const bad = await call(core, 'd1', 'receipts.preview', { caseNumber: "'; drop table visits" })
    expect(bad.ok || bad.error.code).toBe('VALIDATION')
  })

  it('the browser host has no direct printing', async ({ core, caseNumber, reopen }) => {
    core = await reopen({})
    await ok(core, 'd1', 'auth.signIn', { badgeNo: 'D001', password: 'Mine2026pass' })
    const r = await call(core, 'd1', 'receipts.print', { caseNumber })
    expect(r.ok || r.error.code).toBe('CONFLICT')
    expect((await ok(core, 'd1', 'receipts.printers', {})).direct).toBe(false)
  })
})
