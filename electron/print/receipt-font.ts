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

/**
 * Builds @font-face rules holding only the glyphs the receipt uses, as inline WOFF2: the receipt
 * HTML is self-contained (printer window, PDF and preview alike) and stays small.
 */
export function createReceiptFonts(dir: string) {
  let fonts: { regular: Buffer; bold: Buffer } | undefined
  const load = () => (fonts ??= { regular: readFileSync(findFont(dir, CANDIDATES.regular)), bold: readFileSync(findFont(dir, CANDIDATES.bold)) })

  return async function fontFaceCss(text: string): Promise<string> {
    const { regular, bold } = load()
    // Digits, Latin letters and common punctuation always, whatever this receipt holds.
    const glyphs = `${text}0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-:*（）()·，。：；、/ `
    const [r, b] = await Promise.all([
      subsetFont(regular, glyphs, { targetFormat: 'woff2' }),
      subsetFont(bold, glyphs, { targetFormat: 'woff2' }),
    ])
    const face = (data: Buffer, weight: number) =>
      `@font-face{font-family:'${RECEIPT_FONT_FAMILY}';font-weight:${weight};font-style:normal;src:url(data:font/woff2;base64,${data.toString('base64')}) format('woff2');}`
    return face(r, 400) + face(b, 700)
  }
}

export type ReceiptFonts = ReturnType<typeof createReceiptFonts>
