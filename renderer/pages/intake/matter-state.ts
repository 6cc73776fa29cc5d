import { useSyncExternalStore } from 'react'
import type { MatterCandidate } from '../../../shared/matters/types'

// The candidate the receptionist confirmed as the same matter, shared by the panel that lists
// the candidates and the routing step's proposal. The form keeps only its case number.

let confirmed: MatterCandidate | null = null
const listeners = new Set<() => void>()

function set(c: MatterCandidate | null): void {
  if (c === confirmed || (c !== null && confirmed !== null && JSON.stringify(c) === JSON.stringify(confirmed))) return
  confirmed = c
  for (const l of listeners) l()
}

function subscribe(l: () => void): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}

export function useConfirmedMatter(): [MatterCandidate | null, (c: MatterCandidate | null) => void] {
  return [useSyncExternalStore(subscribe, () => confirmed), set]
}

/** A new reception's id (crypto.randomUUID needs a secure context; the desk always has one). */
export function newIntakeId(): string {
  return crypto.randomUUID()
}
