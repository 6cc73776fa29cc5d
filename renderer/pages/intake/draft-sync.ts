// Pending draft saves, so that locking or signing out first writes what was just typed.
const flushers = new Set<() => Promise<void>>()

export function registerFlusher(flush: () => Promise<void>): () => void {
  flushers.add(flush)
  return () => flushers.delete(flush)
}

/** Saves every pending draft now. */
export async function flushDrafts(): Promise<void> {
  await Promise.all(Array.from(flushers, (f) => f()))
}
