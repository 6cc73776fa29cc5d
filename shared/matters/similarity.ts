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

/** Fewer pairs than this and the text is not compared: two short sentences share too much by chance. */
export const MIN_MATTER_TERMS = 6
