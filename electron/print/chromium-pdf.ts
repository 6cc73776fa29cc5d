import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** A 台账 of a busy month is a few hundred pages; Chromium lays it out in seconds. */
const RENDER_TIMEOUT_MS = 120_000

/** Where Chromium, Chrome or Edge usually is, on the systems the browser host runs on. */
function usualPlaces(): string[] {
  if (process.platform === 'win32') {
    const roots = [process.env['ProgramFiles(x86)'], process.env.ProgramFiles, process.env.LOCALAPPDATA].filter((r) => r !== undefined)
    return roots.flatMap((root) => [join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), join(root, 'Google', 'Chrome', 'Application', 'chrome.exe')])
  }
  if (process.platform === 'darwin') {
    return ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge', '/Applications/Chromium.app/Contents/MacOS/Chromium']
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/snap/bin/chromium']
}

/** The browser to render PDFs with: the one named (`--chromium`), else the first installed. */
export function findChromium(named?: string): string | null {
  if (named !== undefined) return existsSync(named) ? named : null
  return usualPlaces().find((path) => existsSync(path)) ?? null
}

/**
 * Renders a self-contained HTML document (the 台账) to PDF with the machine's Chromium, headless:
 * the browser host has no Electron to call printToPDF on, and the browser showing the page can
 * only print through its dialog. The page honours its own @page size and margin boxes, as in
 * Electron. The document and a throwaway browser profile live in a folder of `workDir` (the
 * data folder's, owner-only), removed afterwards. (Turning scripts off with --blink-settings
 * stops headless Chromium from printing at all; the page has none.)
 */
export function chromiumPdf(executable: string, workDir: string): (html: string) => Promise<Buffer> {
  return async (html) => {
    await mkdir(workDir, { recursive: true, mode: 0o700 })
    const dir = await mkdtemp(join(workDir, 'pdf-'))
    try {
      const page = join(dir, 'page.html')
      const out = join(dir, 'page.pdf')
      await writeFile(page, html, { mode: 0o600 })
      const args = [
        '--headless',
        '--disable-gpu',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-extensions',
        '--no-pdf-header-footer',
        `--user-data-dir=${join(dir, 'profile')}`,
        `--print-to-pdf=${out}`,
        // Chromium refuses to start as root with its sandbox (containers, some kiosks).
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        pathToFileURL(page).href,
      ]
      await run(executable, args, { timeout: RENDER_TIMEOUT_MS, windowsHide: true })
      if (!existsSync(out)) throw new Error(`${executable} wrote no PDF`)
      return await readFile(out)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}

/** Pages in a PDF Chromium wrote (Skia writes one uncompressed /Type /Page object per page). */
export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0
}
