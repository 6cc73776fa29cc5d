import { toBigrams } from '../search/bigrams'

/** At most this many distinct pairs of a text are compared: a 5,000-character answer costs no more than a long one. */
export const MAX_MATTER_TERMS = 400

/**
 * The distinct character pairs of 事实真相 and 诉求与理由, in order of first appearance, the
 * first MAX_MATTER_TERMS of them: what two visits on the same matter are compared by.
 */
export function matterTerms(facts: string, demands: string): string[] {
  const seen = new Set<string>()
  for (const token of toBigrams(`${facts}\n${demands}`).split(' ')) {
    // A lone character (a run of one) says nothing about the matter.
    if (Array.from(token).length !== 2 || seen.has(token)) continue
    seen.add(token)
    if (seen.size === MAX_MATTER_TERMS) break
  }
  return [...seen]
}

/** The Dice coefficient of two sets of pairs from their sizes and the pairs they share, 0…1. */
export function dice(shared: number, a: number, b: number): number {
  return a + b === 0 ? 0 : (2 * shared) / (a + b)
}

/**
 * The Dice coefficient in whole percent, rounded down, in integers: 57 pairs shared by two
 * texts of 100 pairs each is 57%, not the 56 that 0.57 × 100 gives in floating point.
 */
export function dicePercent(shared: number, a: number, b: number): number {
  return a + b === 0 ? 0 : Math.floor((200 * shared) / (a + b))
}

/** Whether the similarity reaches a threshold in whole percent, in integers (the threshold counts as reached). */
export function reaches(shared: number, a: number, b: number, percent: number): boolean {
  return shared > 0 && 200 * shared >= percent * (a + b)
}

/** Fewer pairs than this and the text is not compared: two short sentences share too much by chance. */
export const MIN_MATTER_TERMS = 6

// How the matter index keeps a case's pairs (matter_docs.pairs, migration 0015): each pair as one
// 32-bit number, sorted ascending as a signed integer, little-endian. A pair of two characters of the basic plane (all
// of common Chinese) is its two UTF-16 units, c₁·2¹⁶ + c₂: exact. A pair with a character beyond it
// (a rare character, an emoji) is hashed into 0xD8000000…0xDFFFFFFF, the numbers whose first unit
// would be a lone surrogate, which no pair of the basic plane has: such a pair never meets a
// common one, and two different ones share a number once in 134 million. A search puts the text's
// codes in a small hash table (codeTable) and looks each stored code up in it.

const BEYOND = 0xd8000000
const BEYOND_BITS = 0x07ffffff

/** A pair of two characters as one number. */
export function pairCode(pair: string): number {
  if (pair.length === 2) return ((pair.charCodeAt(0) << 16) | pair.charCodeAt(1)) >>> 0
  // FNV-1a over the UTF-16 units.
  let h = 0x811c9dc5
  for (let i = 0; i < pair.length; i++) h = Math.imul(h ^ pair.charCodeAt(i), 0x01000193)
  return (BEYOND + ((h >>> 0) & BEYOND_BITS)) >>> 0
}

/**
 * The sorted distinct codes of pairs, read as signed 32-bit integers (and sorted so): numbers
 * the engine keeps unboxed, which a comparison of thousands of cases runs through quickly.
 */
function sortedCodes(pairs: readonly string[]): Int32Array {
  return Int32Array.from(new Set(pairs.map(pairCode))).sort()
}

/** The pairs as the index stores them: their codes, sorted as signed integers, as little-endian 32-bit bytes. */
export function packPairs(pairs: readonly string[]): Uint8Array {
  const codes = sortedCodes(pairs)
  const bytes = new Uint8Array(codes.length * 4)
  const view = new DataView(bytes.buffer)
  codes.forEach((code, i) => view.setInt32(i * 4, code, true))
  return bytes
}

/**
 * The text's codes as an open-addressing hash table (0 marks a free slot: no pair has code 0),
 * at most a quarter full, for counting the codes a stored list shares with them.
 */
export interface CodeTable {
  slots: Int32Array
  mask: number
  size: number
}

const slotOf = (code: number, mask: number) => (Math.imul(code, 0x9e3779b1) >>> 16) & mask

export function codeTable(pairs: readonly string[]): CodeTable {
  const codes = sortedCodes(pairs)
  let capacity = 64
  while (capacity < codes.length * 4) capacity *= 2
  const slots = new Int32Array(capacity)
  const mask = capacity - 1
  for (const code of codes) {
    let h = slotOf(code, mask)
    while (slots[h] !== 0) h = (h + 1) & mask
    slots[h] = code
  }
  return { slots, mask, size: codes.length }
}

/**
 * How many of a stored list's codes are in the table, or, as soon as fewer than `need` can be,
 * some smaller number: most cases of a category share little with the text, and are left after
 * reading part of their list. The list is read byte by byte in place (a view over each row's
 * bytes would cost an allocation per case, and thousands are compared).
 */
export function sharedCodes(table: CodeTable, stored: Uint8Array, need = 0): number {
  const { slots, mask } = table
  // Once more codes than this are missing, `need` is out of reach.
  const misses = stored.length / 4 - need
  let shared = 0
  let missed = 0
  for (let k = 0; k + 3 < stored.length; k += 4) {
    const code = stored[k]! | (stored[k + 1]! << 8) | (stored[k + 2]! << 16) | (stored[k + 3]! << 24)
    let h = slotOf(code, mask)
    let found = false
    for (let slot = slots[h]!; slot !== 0; slot = slots[h]!) {
      if (slot === code) {
        found = true
        break
      }
      h = (h + 1) & mask
    }
    if (found) shared += 1
    else if (++missed > misses) return shared
  }
  return shared
}
