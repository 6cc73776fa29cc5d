import { copyFile, writeFile } from 'node:fs/promises'
import { BrowserWindow, dialog } from 'electron'
import type { ReceiptLayout } from '../../shared/domain'
import type { PdfOutcome, PrintOutcome, PrinterAdapter, PrinterInfo } from './printer'
import { PAGE_SIZE_MICRONS } from './printer'

/**
 * Loads the receipt in a hidden, sandboxed window without a preload, and resolves once its
 * fonts have loaded: the receipt is ready to print, with no fixed sleep.
 */
async function withReceiptWindow<T>(html: string, work: (win: BrowserWindow) => Promise<T>): Promise<T> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: true },
  })
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  try {
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`)
    await win.webContents.executeJavaScript('document.fonts.ready.then(() => document.fonts.status)')
    return await work(win)
  } finally {
    win.destroy()
  }
}

export function electronPrinter(getWindow: () => BrowserWindow | null): PrinterAdapter {
  return {
    direct: true,
    async list(): Promise<PrinterInfo[]> {
      const win = getWindow()
      if (win === null) return []
      const printers = await win.webContents.getPrintersAsync()
      // Electron dropped isDefault from its types; some platforms still report it.
      return printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name, isDefault: (p as { isDefault?: boolean }).isDefault === true }))
    },
    print(html: string, layout: ReceiptLayout, deviceName: string | null): Promise<PrintOutcome> {
      return withReceiptWindow(
        html,
        (win) =>
          new Promise<PrintOutcome>((resolve) => {
            win.webContents.print(
              {
                silent: true,
                printBackground: true,
                ...(deviceName ? { deviceName } : {}),
                pageSize: PAGE_SIZE_MICRONS[layout],
                margins: { marginType: 'none' },
              },
              (success, failureReason) => resolve(success ? { ok: true } : { ok: false, reason: failureReason || 'unknown' }),
            )
          }),
      )
    },
    async savePdf(html: string, layout: ReceiptLayout, suggestedName: string): Promise<PdfOutcome> {
      const parent = getWindow()
      const options = { defaultPath: suggestedName, filters: [{ name: 'PDF', extensions: ['pdf'] }] }
      const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      if (choice.canceled || !choice.filePath) return { ok: false, cancelled: true }
      const path = choice.filePath
      try {
        const pdf = await withReceiptWindow(html, (win) =>
          win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, pageSize: layout === 'a5' ? 'A5' : layout === 'a4' ? 'A4' : { width: 80 / 25.4, height: 240 / 25.4 } }),
        )
        await writeFile(path, pdf)
        return { ok: true, path }
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.message : String(error) }
      }
    },
    toPdf: (html: string): Promise<Buffer> =>
      withReceiptWindow(html, (win) => win.webContents.printToPDF({ landscape: true, printBackground: true, preferCSSPageSize: true, pageSize: 'A4' })),
    async saveFile(tempPath: string, suggestedName: string): Promise<PdfOutcome> {
      const parent = getWindow()
      const options = { defaultPath: suggestedName }
      const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      if (choice.canceled || !choice.filePath) return { ok: false, cancelled: true }
      try {
        await copyFile(tempPath, choice.filePath)
        return { ok: true, path: choice.filePath }
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.message : String(error) }
      }
    },
  }
}
