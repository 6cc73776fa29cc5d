import { method, none } from '../rpc/method'
import { everyone, officers } from '../rpc/roles'
import { completePrintSchema, printRequestSchema, receiptRequestSchema } from './schemas'
import type { BrowserPrint, PrinterList, PrintRecord, ReceiptPreview } from './types'

/** The receipts slice of the RPC contract. */
export const receiptsContract = {
  // Receptionists reach their own fresh cases only; the service checks which case.
  'receipts.preview': method<ReceiptPreview>()(receiptRequestSchema, everyone),
  'receipts.print': method<PrintRecord>()(printRequestSchema, everyone),
  'receipts.savePdf': method<PrintRecord | null>()(receiptRequestSchema, everyone),
  'receipts.browserPrint': method<BrowserPrint>()(receiptRequestSchema, everyone),
  'receipts.complete': method<PrintRecord>()(completePrintSchema, everyone),
  'receipts.history': method<PrintRecord[]>()(receiptRequestSchema, officers),
  'receipts.printers': method<PrinterList>()(none, everyone),
} as const
