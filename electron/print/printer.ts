import type { ReceiptLayout } from '../../shared/domain'

export interface PrinterInfo {
  name: string
  displayName: string
  isDefault: boolean
}

export type PrintOutcome = { ok: true } | { ok: false; reason: string }
export type PdfOutcome = { ok: true; path: string } | { ok: false; reason: string } | { ok: false; cancelled: true }

/**
 * What the core needs from a printing system. Electron's adapter prints from a hidden window;
 * the browser host has none and prints through the browser's own dialog instead.
 */
export interface PrinterAdapter {
  /** Whether this adapter prints and saves PDFs itself. */
  readonly direct: boolean
  list(): Promise<PrinterInfo[]>
  print(html: string, layout: ReceiptLayout, deviceName: string | null): Promise<PrintOutcome>
  savePdf(html: string, layout: ReceiptLayout, suggestedName: string): Promise<PdfOutcome>
  /**
   * A PDF of a document that sets its own page (the 台账, A4 landscape), or null where nothing
   * renders PDFs (a browser host without a Chromium to call on).
   */
  readonly toPdf: ((html: string) => Promise<Buffer>) | null
  /** Lets the user choose where a finished file goes. */
  saveFile(tempPath: string, suggestedName: string): Promise<PdfOutcome>
}

/** The browser host's adapter: no direct printing; PDFs only when given a renderer (chromium-pdf.ts). */
export const browserOnlyPrinter: PrinterAdapter = {
  direct: false,
  list: () => Promise.resolve([]),
  print: () => Promise.resolve({ ok: false, reason: 'no direct printing in the browser host' }),
  savePdf: () => Promise.resolve({ ok: false, reason: 'no direct printing in the browser host' }),
  toPdf: null,
  saveFile: () => Promise.resolve({ ok: false, reason: 'the browser host downloads instead' }),
}

/** Page sizes in microns, for Electron's print and printToPDF. */
export const PAGE_SIZE_MICRONS: Record<ReceiptLayout, { width: number; height: number }> = {
  a4: { width: 210_000, height: 297_000 },
  a5: { width: 148_000, height: 210_000 },
  thermal80: { width: 80_000, height: 240_000 },
}
