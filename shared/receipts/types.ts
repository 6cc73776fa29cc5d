import type { PrintDocument, PrintTarget, ReceiptLayout } from '../domain'

export interface ReceiptPreview {
  html: string
  layout: ReceiptLayout
  /** The copy number the next print gets: above 1 it is a reprint (补打). */
  nextCopyNo: number
  /** False for a receptionist once the receipt is printed: 补打 is the duty officer's. */
  mayPrint: boolean
  /** Whether the main side prints itself (Electron) or the browser's dialog does. */
  direct: boolean
  defaultPrinter: string | null
}

export interface PrintRecord {
  id: number
  copyNo: number
  target: PrintTarget
  printer: string | null
  layout: ReceiptLayout
  status: 'pending' | 'succeeded' | 'failed'
  failureReason: string | null
  requestedAt: string
  completedAt: string | null
  userName: string
  /** 'receipt' (回执) or the notice (告知书) printed. */
  document: PrintDocument
}

export interface BrowserPrint {
  printId: number
  copyNo: number
  html: string
}

export interface PrinterList {
  direct: boolean
  printers: { name: string; displayName: string; isDefault: boolean }[]
}
