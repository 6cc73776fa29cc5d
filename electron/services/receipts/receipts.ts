import type { Kysely, Transaction } from 'kysely'
import type { z } from 'zod'
import type { CaseClock } from '../../../shared/cases/clocks'
import type { DeadlineRules } from '../../../shared/deadlines'
import type { PrintDocument, PrintTarget, ReceiptLayout } from '../../../shared/domain'
import { zhText } from '../../../shared/i18n/zh-text'
import { noticeAvailable, renderNoticeHtml } from '../../print/notice-html'
import type { BrowserPrint, PrintRecord, PrinterList, ReceiptPreview } from '../../../shared/receipts/types'
import type { completePrintSchema, printRequestSchema, receiptRequestSchema } from '../../../shared/receipts/schemas'
import type { Clock } from '../../clock'
import { AppError, fieldError } from '../../errors'
import type { Database, User } from '../../db/schema'
import { countSucceededPrints, findPrint, insertPrint, listPrintsOfVisit, updatePrint } from '../../db/repositories/receipt-prints'
import type { ReceiptData } from '../../print/receipt-data'
import { loadReceiptData } from '../../print/receipt-data'
import type { ReceiptFonts } from '../../print/receipt-font'
import { renderReceiptHtml } from '../../print/receipt-html'
import type { PrinterAdapter } from '../../print/printer'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { appendAudit } from '../audit/audit'
import { change } from '../../../shared/live/changes'
import type { Announce } from '../../live/channel'

export interface ReceiptsDeps {
  db: Kysely<Database>
  printer: PrinterAdapter
  fonts: ReceiptFonts
  /** The case's clocks from the deadline engine and the periods it runs on: the receipt and the notices print them. */
  deadlines: (caseNumber: string) => Promise<{ clocks: CaseClock[]; rules: DeadlineRules }>
  /** A printed receipt is the written notice: the case's notice clock is met. */
  onPrinted: (trx: Transaction<Database>, caseNumber: string) => Promise<void>
  announce: Announce
  /** Printing takes a while: its record is opened and closed at the clock's times, not the call's start. */
  clock: Clock
}

type ReceiptRequest = z.output<typeof receiptRequestSchema>

function toRecord(r: Awaited<ReturnType<typeof listPrintsOfVisit>>[number]): PrintRecord {
  return {
    id: r.id,
    copyNo: r.copy_no,
    target: r.target,
    printer: r.printer,
    layout: r.layout,
    status: r.status,
    failureReason: r.failure_reason,
    requestedAt: r.requested_at,
    completedAt: r.completed_at,
    userName: r.user_name,
    document: r.document,
  }
}

interface Loaded {
  data: ReceiptData
  printed: number
  clocks: CaseClock[]
  rules: DeadlineRules
  document: PrintDocument
}

/** 回执: one renderer for every output, and a record of every print and reprint. */
export function createReceipts({ db, printer, fonts, deadlines, onPrinted, announce, clock }: ReceiptsDeps) {
  /**
   * Receptionists print the receipt of a case they registered themselves, once; duty officers
   * and administrators print and reprint any.
   */
  async function load(user: User, caseNumber: string, document: PrintDocument, toPrint = true): Promise<Loaded> {
    const data = await loadReceiptData(db, caseNumber)
    if (data === undefined) throw new AppError('NOT_FOUND', 'e.CASE_NOT_FOUND', { caseNumber })
    const printed = await countSucceededPrints(db, data.visitId, document)
    // A receptionist still sees the preview of the receipt just printed; printing it again is 补打.
    if (user.role === 'receptionist' && (data.receptionistId !== user.id || (toPrint && printed > 0))) {
      throw new AppError('FORBIDDEN', 'e.PRINT_OWN_ONLY')
    }
    const { clocks: caseClocks, rules } = await deadlines(caseNumber)
    if (document !== 'receipt' && !noticeAvailable(data, caseClocks, document)) {
      throw new AppError('CONFLICT', 'e.NOTICE_NOT_DUE', { notice: zhText(`notice.titles.${document}`) })
    }
    return { data, printed, clocks: caseClocks, rules, document }
  }

  /** A notice is a sheet (A4 or A5); a hall whose receipts go to a thermal roll gets A5 notices. */
  function layoutOf(l: Loaded, layout: ReceiptLayout | undefined): ReceiptLayout {
    const chosen = layout ?? l.data.defaultLayout
    if (l.document === 'receipt') return chosen
    if (layout === 'thermal80') throw fieldError('layout', 'v.receipt.noticeLayout')
    return chosen === 'thermal80' ? 'a5' : chosen
  }

  const render = (l: Loaded, layout: ReceiptLayout, copyNo: number, preview: boolean) =>
    l.document === 'receipt' || layout === 'thermal80'
      ? renderReceiptHtml(l.data, { layout, copyNo, preview, fontCss: fonts, clocks: l.clocks })
      : renderNoticeHtml(l.data, l.clocks, l.document, { layout, copyNo, preview, fontCss: fonts, rules: l.rules })

  const fileName = (l: Loaded) => `${l.document === 'receipt' ? '回执' : zhText(`notice.titles.${l.document}`).replace(/[（）]/g, '_')}_${l.data.caseNumber}.pdf`

  async function preview(ctx: CallContext, input: ReceiptRequest): Promise<ReceiptPreview> {
    const { user } = signedIn(ctx)
    const l = await load(user, input.caseNumber, input.document ?? 'receipt', false)
    const { printed } = l
    const chosen = layoutOf(l, input.layout)
    return {
      mayPrint: user.role !== 'receptionist' || printed === 0,
      html: await render(l, chosen, printed + 1, true),
      layout: chosen,
      nextCopyNo: printed + 1,
      direct: printer.direct,
      defaultPrinter: l.data.defaultPrinter,
    }
  }

  /** Records the attempt before printing, so a crash mid-print still leaves a trace. */
  async function begin(user: User, { data, document }: Loaded, copyNo: number, target: PrintTarget, layout: ReceiptLayout, printerName: string | null, now: Date) {
    const id = await db.transaction().execute(async (trx) => {
      const id = await insertPrint(trx, {
        visit_id: data.visitId,
        copy_no: copyNo,
        target,
        printer: printerName,
        layout,
        user_id: user.id,
        requested_at: now.toISOString(),
        status: 'pending',
        failure_reason: null,
        completed_at: null,
        document,
      })
      await appendAudit(trx, now, {
        userId: user.id,
        action: copyNo > 1 ? 'receipt.reprint' : 'receipt.print',
        entity: 'visit',
        entityId: data.caseNumber,
        detail: { printId: id, copyNo, target, printer: printerName, layout, document },
      })
      return id
    })
    announce(change('receipt', [data.caseNumber]))
    return id
  }

  async function finish(user: User, id: number, caseNumber: string, outcome: { ok: boolean; reason?: string }, now: Date): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await updatePrint(trx, id, {
        status: outcome.ok ? 'succeeded' : 'failed',
        failure_reason: outcome.ok ? null : (outcome.reason ?? 'unknown'),
        completed_at: now.toISOString(),
      })
      await appendAudit(trx, now, {
        userId: user.id,
        action: outcome.ok ? 'receipt.printed' : 'receipt.failed',
        entity: 'visit',
        entityId: caseNumber,
        detail: { printId: id, ...(outcome.ok ? {} : { reason: outcome.reason ?? 'unknown' }) },
      })
      if (outcome.ok) await onPrinted(trx, caseNumber)
    })
    // A printed receipt meets the notice clock: the case's due dates changed with it.
    announce(change('receipt', [caseNumber]), ...(outcome.ok ? [change('case', [caseNumber])] : []))
  }

  async function recordOf(visitId: number, id: number): Promise<PrintRecord> {
    const row = (await listPrintsOfVisit(db, visitId)).find((r) => r.id === id)
    if (row === undefined) throw new AppError('NOT_FOUND')
    return toRecord(row)
  }

  async function print(ctx: CallContext, input: z.output<typeof printRequestSchema>): Promise<PrintRecord> {
    const { user } = signedIn(ctx)
    if (!printer.direct) throw new AppError('CONFLICT', 'e.NO_PRINTER')
    const l = await load(user, input.caseNumber, input.document ?? 'receipt')
    const { data, printed } = l
    const chosen = layoutOf(l, input.layout)
    const device = input.printer ?? data.defaultPrinter
    const copyNo = printed + 1
    const id = await begin(user, l, copyNo, 'printer', chosen, device, clock())
    const outcome = await printer.print(await render(l, chosen, copyNo, false), chosen, device)
    await finish(user, id, input.caseNumber, outcome.ok ? { ok: true } : { ok: false, reason: outcome.reason }, clock())
    return recordOf(data.visitId, id)
  }

  async function savePdf(ctx: CallContext, input: ReceiptRequest): Promise<PrintRecord | null> {
    const { user } = signedIn(ctx)
    if (!printer.direct) throw new AppError('CONFLICT', 'e.NO_PRINTER')
    const l = await load(user, input.caseNumber, input.document ?? 'receipt')
    const { data, printed } = l
    const chosen = layoutOf(l, input.layout)
    const copyNo = printed + 1
    const html = await render(l, chosen, copyNo, false)
    const outcome = await printer.savePdf(html, chosen, fileName(l))
    if (!outcome.ok && 'cancelled' in outcome) return null
    const id = await begin(user, l, copyNo, 'pdf', chosen, outcome.ok ? outcome.path : null, clock())
    await finish(user, id, input.caseNumber, outcome.ok ? { ok: true } : { ok: false, reason: outcome.reason }, clock())
    return recordOf(data.visitId, id)
  }

  /** The browser host prints through the browser's dialog: the record is opened here and closed after the dialog. */
  async function browserPrint(ctx: CallContext, input: ReceiptRequest): Promise<BrowserPrint> {
    const { user, now } = signedIn(ctx)
    const l = await load(user, input.caseNumber, input.document ?? 'receipt')
    const chosen = layoutOf(l, input.layout)
    const copyNo = l.printed + 1
    const html = await render(l, chosen, copyNo, false)
    const printId = await begin(user, l, copyNo, 'browser', chosen, null, now)
    return { printId, copyNo, html }
  }

  async function complete(ctx: CallContext, input: z.output<typeof completePrintSchema>): Promise<PrintRecord> {
    const { user, now } = signedIn(ctx)
    const { printId } = input
    const row = await findPrint(db, printId)
    if (row === undefined || row.user_id !== user.id || row.target !== 'browser') throw new AppError('NOT_FOUND')
    const visit = await db.selectFrom('visits').select('case_number').where('id', '=', row.visit_id).executeTakeFirstOrThrow()
    // The browser does not say whether its dialog printed or was cancelled; closing it counts.
    if (row.status === 'pending') await finish(user, printId, visit.case_number, { ok: true }, now)
    return recordOf(row.visit_id, printId)
  }

  async function history(_ctx: CallContext, input: ReceiptRequest): Promise<PrintRecord[]> {
    const data = await loadReceiptData(db, input.caseNumber)
    if (data === undefined) throw new AppError('NOT_FOUND', 'e.CASE_NOT_FOUND', { caseNumber: input.caseNumber })
    return (await listPrintsOfVisit(db, data.visitId)).map(toRecord)
  }

  async function printers(): Promise<PrinterList> {
    return { direct: printer.direct, printers: await printer.list() }
  }

  return { preview, print, savePdf, browserPrint, complete, history, printers }
}

export type Receipts = ReturnType<typeof createReceipts>
