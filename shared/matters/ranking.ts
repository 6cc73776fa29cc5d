import type { MatterReason } from './types'

/**
 * How strongly each kind of reason says "the same matter": the same person first (an ID number
 * is one person; a name with a phone nearly so; a name with an address or as an earlier
 * representative less so), then the text. The text adds its similarity in points, so a
 * candidate that is the same person and says the same thing ranks above the same person alone.
 */
const WEIGHT: Record<Exclude<MatterReason['kind'], 'text'>, number> = {
  idNumber: 400,
  namePhone: 300,
  nameAddress: 200,
  representative: 150,
}

/** A candidate's rank score from its reasons: the strongest person reason, 10 for each further one, plus the text similarity in percent. */
export function matterScore(reasons: readonly MatterReason[]): number {
  const person = reasons.filter((r) => r.kind !== 'text').map((r) => WEIGHT[r.kind])
  const strongest = person.length === 0 ? 0 : Math.max(...person)
  const text = reasons.find((r) => r.kind === 'text')
  return strongest + Math.max(0, person.length - 1) * 10 + (text?.kind === 'text' ? text.similarity : 0)
}

/** The reasons of a candidate in the order they are shown: strongest first. */
export function sortReasons(reasons: MatterReason[]): MatterReason[] {
  const order = (r: MatterReason) => (r.kind === 'text' ? 0 : WEIGHT[r.kind])
  return [...reasons].sort((a, b) => order(b) - order(a))
}
