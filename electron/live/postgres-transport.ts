import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Change, ChangeTopic } from '../../shared/live/changes'
import { changeSchema } from '../../shared/live/changes'
import type { ChangeTransport, LiveListener } from './channel'

/** The PostgreSQL channel every desk of a hall listens on. */
export const CHANGES_CHANNEL = 'intake_desk_changes'
/** NOTIFY takes at most 8000 bytes; a larger announcement names its topics only. */
const MAX_PAYLOAD_BYTES = 7900
/** How soon a lost listening connection is tried again. */
const RECONNECT_MS = 1000

const payloadSchema = z.strictObject({ desk: z.string().max(64), changes: z.array(changeSchema).min(1) })

/** What the transport needs of a pg.Client (its own connection, not one of the pool's). */
export interface ListenClient {
  connect: () => Promise<unknown>
  query: (text: string, values?: unknown[]) => Promise<unknown>
  end: () => Promise<void>
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: 'end', listener: () => void): unknown
  on(event: 'notification', listener: (message: { channel: string; payload?: string | undefined }) => void): unknown
}

export interface PostgresTransportOptions {
  /** A new, unconnected client to the hall's database (`new pg.Client(…)`), once per (re)connection. */
  client: () => ListenClient
  /** Tests only: the schema a test core works in; its desks get a channel of their own. */
  schema?: string
  onError?: (error: unknown) => void
  reconnectMs?: number
}

/** The channel's name: one per hall database, one per test schema in it. */
export function channelName(schema?: string): string {
  return schema === undefined ? CHANGES_CHANNEL : `${CHANGES_CHANNEL}_${schema}`.slice(0, 63)
}

/** What goes in the NOTIFY: this desk's id (its own notifications come back to it) and the ids. */
export function notifyPayload(desk: string, changes: Change[]): string {
  const full = JSON.stringify({ desk, changes })
  if (Buffer.byteLength(full) <= MAX_PAYLOAD_BYTES) return full
  const topics = [...new Set(changes.map((c) => c.topic))] satisfies ChangeTopic[]
  return JSON.stringify({ desk, changes: topics.map((topic) => ({ topic, ids: null })) })
}

/**
 * PostgreSQL LISTEN/NOTIFY between the desks of a hall, on one connection of its own: NOTIFY
 * after this desk's commits, LISTEN for the others'. The connection comes back by itself after
 * the server or the network was gone, listens again, and says `resync`: what was committed in
 * between was never heard, so every page re-reads.
 */
export function postgresTransport(options: PostgresTransportOptions): ChangeTransport {
  const channel = channelName(options.schema)
  const self = randomUUID()
  const onError = options.onError ?? (() => undefined)
  const reconnectMs = options.reconnectMs ?? RECONNECT_MS
  let client: ListenClient | null = null
  let closed = false
  let timer: NodeJS.Timeout | undefined

  async function connect(deliver: LiveListener, again: boolean): Promise<void> {
    const next = options.client()
    let lost = false
    const retry = (error?: unknown) => {
      if (error !== undefined) onError(error)
      if (lost) return
      lost = true
      if (client === next) client = null
      next.end().catch(() => undefined)
      if (!closed) timer = setTimeout(() => void connect(deliver, true), reconnectMs)
    }
    next.on('error', retry)
    next.on('end', () => retry())
    next.on('notification', (message) => {
      if (message.channel !== channel || message.payload === undefined) return
      let parsed: z.infer<typeof payloadSchema>
      try {
        parsed = payloadSchema.parse(JSON.parse(message.payload))
      } catch (error) {
        onError(error)
        return
      }
      // This desk's own windows heard its changes when they were announced.
      if (parsed.desk !== self) deliver({ kind: 'changes', changes: parsed.changes })
    })
    try {
      await next.connect()
      await next.query(`LISTEN "${channel}"`)
    } catch (error) {
      retry(error)
      return
    }
    if (closed) {
      await next.end().catch(() => undefined)
      return
    }
    client = next
    if (again) deliver({ kind: 'resync' })
  }

  return {
    start: (deliver) => connect(deliver, false),
    publish: async (changes) => {
      if (client === null) throw new Error('the hall database is not reachable: change not sent to the other desks')
      await client.query('SELECT pg_notify($1, $2)', [channel, notifyPayload(self, changes)])
    },
    close: async () => {
      closed = true
      clearTimeout(timer)
      const last = client
      client = null
      await last?.end().catch(() => undefined)
    },
  }
}
