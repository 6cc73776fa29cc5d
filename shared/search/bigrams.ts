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
  const runs = bigramRuns(query)
  return runs === null ? null : runs.map((pairs) => `"${pairs.join(' ').replace(/"/g, '""')}"`).join(' AND ')
}

/**
 * The pairs of each run of two or more characters of a query; null when there is none. A text
 * matches when, for every run, its pairs stand one after another among the text's pairs (the
 * FTS5 phrase on SQLite; the GIN-indexed array plus that adjacency on PostgreSQL).
 */
export function bigramRuns(query: string): string[][] | null {
  const runs: string[][] = []
  for (const match of toHalfWidth(query).toLowerCase().matchAll(RUN)) {
    const chars = Array.from(match[0])
    if (chars.length < 2) continue
    const pairs: string[] = []
    for (let i = 0; i + 1 < chars.length; i++) pairs.push(`${chars[i]}${chars[i + 1]}`)
    runs.push(pairs)
  }
  return runs.length === 0 ? null : runs
}
