import { useEffect } from 'react'
import type { Change, LiveEvent } from '../../shared/live/changes'
import { liveEventSchema } from '../../shared/live/changes'
import { changeTouches, isAuditedRead, isReadMethod } from '../../shared/live/reads'
import { browserSession, browserToken } from './client'
import { queryClient } from './queries'

/** After a refused or dropped stream, the next try; EventSource retries a dropped one by itself. */
const RECONNECT_MS = 2000

/**
 * Hears what the hall committed: the preload's IPC event in Electron, Server-Sent Events on the
 * browser host. A stream that comes back after a drop may have missed changes: `resync`.
 */
function subscribe(listener: (event: LiveEvent) => void): () => void {
  const deliver = (raw: unknown) => {
    const parsed = liveEventSchema.safeParse(raw)
    if (parsed.success) listener(parsed.data)
  }
  const bridge = window.intakeDesk
  if (bridge !== undefined) return bridge.onChange(deliver)

  let source: EventSource | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let dropped = false
  const open = () => {
    const query = new URLSearchParams({ token: browserToken(), session: browserSession() })
    source = new EventSource(`/events?${query.toString()}`)
    source.addEventListener('open', () => {
      if (dropped) listener({ kind: 'resync' })
      dropped = false
    })
    source.addEventListener('change', (message) => {
      try {
        deliver(JSON.parse(String(message.data)) as unknown)
      } catch {
        // Not ours: the stream carries JSON only.
      }
    })
    source.addEventListener('error', () => {
      dropped = true
      // Refused (the host restarted, the session ended): EventSource gives up, so we try again.
      if (source?.readyState === EventSource.CLOSED) timer = setTimeout(open, RECONNECT_MS)
    })
  }
  open()
  return () => {
    clearTimeout(timer)
    source?.close()
  }
}

function touches(key: readonly unknown[], data: unknown, changes: Change[] | null): boolean {
  const [method, input] = key
  if (!isReadMethod(method)) return false
  // An audited lookup (by full ID number) is re-run only by the user.
  if (isAuditedRead(method, data as never)) return false
  return changes === null || changes.some((c) => changeTouches(method, input as never, c))
}

/** Marks stale the queries a live event touches; those on screen refetch at once. */
export function applyLiveEvent(event: LiveEvent): Promise<void> {
  const changes = event.kind === 'changes' ? event.changes : null
  return queryClient.invalidateQueries({ predicate: (q) => touches(q.queryKey, q.state.data, changes) })
}

/**
 * While signed in: every committed change refreshes what it touched, and `onEvent` hears the
 * event too (the app shell re-reads the hall and the session on a settings or user change).
 */
export function useLiveChanges(onEvent?: (event: LiveEvent) => void): void {
  useEffect(
    () =>
      subscribe((event) => {
        void applyLiveEvent(event)
        onEvent?.(event)
      }),
    [onEvent],
  )
}
