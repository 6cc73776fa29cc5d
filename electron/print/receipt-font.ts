import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import subsetFont from 'subset-font'

/** The receipt's typeface, shipped with the app so Chinese prints on machines without CJK fonts. */
export const RECEIPT_FONT_FAMILY = 'Intake Desk Receipt Sans'

// The build copies the two weights to dist/fonts; tests read them from the npm package.
const CANDIDATES = {
  regular: ['NotoSansSC-Regular.ttf', '400Regular/NotoSansSC_400Regular.ttf'],
  bold: ['NotoSansSC-Bold.ttf', '700Bold/NotoSansSC_700Bold.ttf'],
}

export const PACKAGE_FONT_DIR = join('node_modules', '@expo-google-fonts', 'noto-sans-sc')

function findFont(dir: string, names: string[]): string {
  for (const name of names) {
    const path = join(dir, name)
    if (existsSync(path)) return path
  }
  throw new Error(`Receipt font not found in ${dir}`)
}

/** Fonts subset for this many different glyph sets are kept (preview, then print, of one receipt). */
const CACHE_SIZE = 16

/**
 * Builds @font-face rules holding only the glyphs the receipt uses, inline: the receipt HTML is
 * self-contained (printer window, PDF and preview alike) and stays small.
 *
 * Speed (a visitor waits for the preview, `npm run bench`): the subset is written as TrueType,
 * not WOFF2 — WOFF2's Brotli pass in WebAssembly cost about a second per receipt, for a file
 * that is read once from memory; layout closure and hinting are skipped (horizontal Chinese text
 * uses neither); the same glyph set is served from a small cache; and `warm()` loads the font
 * files and HarfBuzz at start-up, so the first receipt of the day does not pay for them.
 */
export function createReceiptFonts(dir: string) {
  let fonts: { regular: Buffer; bold: Buffer } | undefined
  const load = () => (fonts ??= { regular: readFileSync(findFont(dir, CANDIDATES.regular)), bold: readFileSync(findFont(dir, CANDIDATES.bold)) })
  const cache = new Map<string, Promise<string>>()
  const options = { targetFormat: 'truetype', noLayoutClosure: true, noHinting: true } as const

  async function build(glyphs: string): Promise<string> {
    const { regular, bold } = load()
    const [r, b] = await Promise.all([subsetFont(regular, glyphs, options), subsetFont(bold, glyphs, options)])
    const face = (data: Buffer, weight: number) =>
      `@font-face{font-family:'${RECEIPT_FONT_FAMILY}';font-weight:${weight};font-style:normal;src:url(data:font/ttf;base64,${data.toString('base64')}) format('truetype');}`
    return face(r, 400) + face(b, 700)
  }

  async function fontFaceCss(text: string): Promise<string> {
    // Digits, Latin letters and common punctuation always, whatever this receipt holds.
    const all = `${text}0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-:*（）()·，。：；、/ `
    const glyphs = [...new Set(all)].sort().join('')
    let css = cache.get(glyphs)
    if (css === undefined) {
      css = build(glyphs)
      cache.set(glyphs, css)
      css.catch(() => cache.delete(glyphs))
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string)
    } else {
      // Most recently used last.
      cache.delete(glyphs)
      cache.set(glyphs, css)
    }
    return css
  }

  /** Loads the fonts and HarfBuzz ahead of the first receipt; failures surface on that receipt instead. */
  async function warm(): Promise<void> {
    try {
      await build('接访台回执0')
    } catch {
      // The first real receipt reports a missing font with its own message.
    }
  }

  return Object.assign(fontFaceCss, { warm })
}

export type ReceiptFonts = ReturnType<typeof createReceiptFonts>
