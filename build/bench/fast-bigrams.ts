import { toBigrams } from '../../shared/search/bigrams'

// toBigrams without its allocations, for text of the Basic Multilingual Plane that needs no
// half-width folding or lower-casing (what the generator writes): the pairs are written as
// UTF-16 code units into one buffer and decoded once. Anything else goes to toBigrams itself,
// and the generator checks that the two agree on a sample of its rows.

const WORD = new Uint8Array(0x10000)
for (let c = 0; c < 0x10000; c++) {
  if (c >= 0xd800 && c <= 0xdfff) continue
  WORD[c] = /[\p{L}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 0
}
/**
 * Characters whose pairs toBigrams would change: full-width letters and digits (folded to
 * half-width), upper- and title-case letters (lower-cased), and characters beyond the BMP. Full-width
 * punctuation such as ，is folded too, but it separates runs either way.
 */
const FOLDED = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\p{Lu}\p{Lt}\uD800-\uDFFF\u{10000}-\u{10FFFF}]/u
const SPACE = 32
const utf16 = new TextDecoder('utf-16le')
let buffer = new Uint16Array(1 << 14)

export function fastBigrams(text: string): string {
  if (FOLDED.test(text)) return toBigrams(text)
  const n = text.length
  if (buffer.length < n * 3) buffer = new Uint16Array(n * 3)
  const out = buffer
  let k = 0
  let runStart = -1
  for (let i = 0; i <= n; i++) {
    if (i < n && WORD[text.charCodeAt(i)] === 1) {
      if (runStart < 0) runStart = i
      continue
    }
    if (runStart < 0) continue
    if (i - runStart === 1) {
      if (k > 0) out[k++] = SPACE
      out[k++] = text.charCodeAt(runStart)
    }
    for (let j = runStart; j + 1 < i; j++) {
      if (k > 0) out[k++] = SPACE
      out[k++] = text.charCodeAt(j)
      out[k++] = text.charCodeAt(j + 1)
    }
    runStart = -1
  }
  return utf16.decode(out.subarray(0, k))
}
