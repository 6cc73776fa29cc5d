import type { Change, LiveEvent } from '../../shared/live/changes'

/** Tells the desk's pages (and, in a hall, the other desks) what a transaction changed. */
export type Announce = (...changes: Change[]) => void

export type LiveListener = (event: LiveEvent) => void

/**
 * Carries announcements between desks (PostgreSQL LISTEN/NOTIFY in a hall). `publish` sends this
 * desk's changes to the others; `start` delivers theirs, and `resync` whenever some may have been
 * missed (the listening connection was lost and is back).
 */
export interface ChangeTransport {
  publish: (changes: Change[]) => Promise<void>
  start: (deliver: LiveListener) => Promise<void>
  close: () => Promise<void>
}

/**
 * The change channel of one desk. Services call `announce` only after their transaction has
 * committed, so a rolled-back write is never announced; the transports to the pages (IPC, SSE)
 * subscribe. This desk's own windows hear its changes at once, other desks through the transport.
 */
export interface ChangeChannel {
  announce: Announce
  subscribe: (listener: LiveListener) => () => void
  close: () => Promise<void>
}

export function createChangeChannel(transport?: ChangeTransport, onError: (error: unknown) => void = () => undefined): ChangeChannel {
  const listeners = new Set<LiveListener>()

  function deliver(event: LiveEvent): void {
    for (const listener of listeners) {
      // A page transport that fails must not fail the write that was announced.
      try {
        listener(event)
      } catch (error) {
        onError(error)
      }
    }
  }

  if (transport !== undefined) transport.start(deliver).catch(onError)

  return {
    announce: (...changes) => {
      if (changes.length === 0) return
      deliver({ kind: 'changes', changes })
      transport?.publish(changes).catch(onError)
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: async () => {
      listeners.clear()
      await transport?.close()
    },
  }
}

/**
 * A channel that relays from whichever inner channel is current: the pages subscribe to it once,
 * and when the desk switches to another database (the first-run join, core-host.ts) it follows
 * that database's channel without their subscriptions changing. `close` closes neither inner one.
 */
export function relayChannel(initial: ChangeChannel, onError: (error: unknown) => void = () => undefined): ChangeChannel & { follow: (next: ChangeChannel) => void } {
  const listeners = new Set<LiveListener>()
  const relay: LiveListener = (event) => {
    for (const listener of listeners) {
      try {
        listener(event)
      } catch (error) {
        onError(error)
      }
    }
  }
  let inner = initial
  let stop = inner.subscribe(relay)
  return {
    announce: (...changes) => inner.announce(...changes),
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    follow: (next) => {
      stop()
      inner = next
      stop = inner.subscribe(relay)
    },
    close: () => {
      stop()
      listeners.clear()
      return Promise.resolve()
    },
  }
}
