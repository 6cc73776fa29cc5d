import { toHalfWidth } from '../text'

// Chinese has no spaces between words, and most searches are two characters (a place, a
// surname plus a word). Text is indexed as overlapping character pairs, each a token, so that
// a query of n ≥ 2 characters is the phrase of its n − 1 pairs: an exact substring match.

const RUN = /[\p{L}\p{N}]+/gu

/** The overlapping character pairs of each run of letters and digits, space-separated. */
export function toBigrams(text: string): string {
  const out: string[] = []
  for (const match of toHalfWidth(text).toLowerCase().matchAll(RUN)) {
    const chars = Array.from(match[0])
    if (chars.length === 1) out.push(chars[0] ?? '')
    for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`)
  }
  return out.join(' ')
}

/**
 * An FTS5 query for a substring search: each run of the query becomes the phrase of its pairs,
 * all runs required. Null when the query has no run of two or more characters.
 */
export function bigramQuery(query: string): string | null {
  const phrases: string[] = []
  for (const match of toHalfWidth(query).toLowerCase().matchAll(RUN)) {
    const chars = Array.from(match[0])
    if (chars.length < 2) continue
    const pairs: string[] = []
    for (let i = 0; i + 1 < chars.length; i++) pairs.push(`${chars[i]}${chars[i + 1]}`)
    phrases.push(`"${pairs.join(' ').replace(/"/g, '""')}"`)
  }
  return phrases.length === 0 ? null : phrases.join(' AND ')
}
