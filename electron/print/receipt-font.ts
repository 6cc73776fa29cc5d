import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Subset } from './font-subsetter'
import { openSubsetter } from './font-subsetter'

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

/** HarfBuzz's subsetting build: copied beside the fonts by the build; tests read it from the npm package. */
const WASM = 'harfbuzz-subset.wasm'
const PACKAGE_WASM_DIR = join('node_modules', 'harfbuzzjs', 'dist')

/**
 * Builds @font-face rules holding only the glyphs the receipt uses, inline: the receipt HTML is
 * self-contained (printer window, PDF and preview alike) and stays small.
 *
 * Speed (a visitor waits for the preview, `npm run bench`): the two weights are parsed by
 * HarfBuzz once per process and kept open (font-subsetter.ts), so a receipt's subset costs about
 * a millisecond instead of the ~60 ms of copying and parsing 10 MB per weight; the subset is
 * TrueType, not WOFF2 (Brotli in WebAssembly cost about a second, for a file read once from
 * memory); and `warm()` does the loading at start-up, off the first receipt's path.
 */
export function createReceiptFonts(dir: string) {
  let faces: Promise<{ regular: Subset; bold: Subset }> | undefined

  async function open(): Promise<{ regular: Subset; bold: Subset }> {
    const wasm = [join(dir, WASM), join(PACKAGE_WASM_DIR, WASM)].find((path) => existsSync(path)) ?? join(dir, WASM)
    const [subsetter, regular, bold] = await Promise.all([openSubsetter(wasm), readFile(findFont(dir, CANDIDATES.regular)), readFile(findFont(dir, CANDIDATES.bold))])
    return { regular: subsetter.font(regular), bold: subsetter.font(bold) }
  }

  const load = () => {
    if (faces === undefined) {
      faces = open()
      // A failed load (a font missing) is tried again by the next receipt, which reports it.
      faces.catch(() => (faces = undefined))
    }
    return faces
  }

  async function fontFaceCss(text: string): Promise<string> {
    // Digits, Latin letters and common punctuation always, whatever this receipt holds.
    const glyphs = `${text}0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-:*（）()·，。：；、/ `
    const { regular, bold } = await load()
    const face = (data: Buffer, weight: number) =>
      `@font-face{font-family:'${RECEIPT_FONT_FAMILY}';font-weight:${weight};font-style:normal;src:url(data:font/ttf;base64,${data.toString('base64')}) format('truetype');}`
    return face(regular(glyphs), 400) + face(bold(glyphs), 700)
  }

  /**
   * Loads the fonts and HarfBuzz ahead of the first receipt, and subsets once: HarfBuzz reads a
   * face's tables on first use (~50 ms). Failures surface on the first receipt instead.
   */
  async function warm(): Promise<void> {
    try {
      await fontFaceCss('接访台回执告知书')
    } catch {
      // The first real receipt reports a missing font with its own message.
    }
  }

  return Object.assign(fontFaceCss, { warm })
}

export type ReceiptFonts = ReturnType<typeof createReceiptFonts>
