import type { receiptsContract } from '../../../shared/receipts/contract'
import type { HandlerSlice } from '../../rpc/context'
import type { Receipts } from './receipts'

/** 回执 and 告知书: each entry the service method itself. */
export function receiptsHandlers(receipts: Receipts): HandlerSlice<keyof typeof receiptsContract> {
  return {
    'receipts.preview': receipts.preview,
    'receipts.print': receipts.print,
    'receipts.savePdf': receipts.savePdf,
    'receipts.browserPrint': receipts.browserPrint,
    'receipts.complete': receipts.complete,
    'receipts.history': receipts.history,
    'receipts.printers': receipts.printers,
  }
}
