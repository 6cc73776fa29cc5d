import { describe, expect, it } from 'vitest'
import type { LiveEvent } from '../../shared/live/changes'
import { createChangeChannel } from '../../electron/live/channel'
import type { ListenClient } from '../../electron/live/postgres-transport'
import { CHANGES_CHANNEL, notifyPayload, postgresTransport } from '../../electron/live/postgres-transport'

// LISTEN/NOTIFY as PostgreSQL does it, in memory: every listening session of the database hears
// every NOTIFY on its channel (the sender's own session included), and a session can be cut.
// The real server is exercised by the hall's end-to-end run; this pins the transport's rules.
function fakeServer() {
  const sessions = new Set<FakeSession>()
  class FakeSession implements ListenClient {
    channels = new Set<string>()
    handlers: { error: ((e: Error) => void)[]; end: (() => void)[]; notification: ((m: { channel: string; payload?: string }) => void)[] } = { error: [], end: [], notification: [] }
    connect() {
      if (server.down) return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))
      sessions.add(this)
      return Promise.resolve()
    }
    query(text: string, values?: unknown[]) {
      if (!sessions.has(this)) return Promise.reject(new Error('Client was closed and is not queryable'))
      const listen = /^LISTEN "(.+)"$/.exec(text)
      if (listen?.[1] !== undefined) this.channels.add(listen[1])
      else if (text.startsWith('SELECT pg_notify')) {
        const [channel, payload] = values as [string, string]
        for (const s of sessions) if (s.channels.has(channel)) for (const h of s.handlers.notification) h({ channel, payload })
      }
      return Promise.resolve({})
    }
    end() {
      sessions.delete(this)
      return Promise.resolve()
    }
    on(event: 'error' | 'end' | 'notification', listener: never) {
      ;(this.handlers[event] as unknown[]).push(listener)
      return this
    }
    cut() {
      sessions.delete(this)
      for (const h of this.handlers.error) h(new Error('Connection terminated unexpectedly'))
    }
  }
  const server = {
    down: false,
    client: (): ListenClient => new FakeSession(),
    sessions,
    cutAll: () => [...sessions].forEach((s) => s.cut()),
  }
  return server
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 5))
  expect(check()).toBe(true)
}

async function twoDesks() {
  const server = fakeServer()
  const heard: { one: LiveEvent[]; two: LiveEvent[] } = { one: [], two: [] }
  const one = createChangeChannel(postgresTransport({ client: server.client, reconnectMs: 20 }))
  const two = createChangeChannel(postgresTransport({ client: server.client, reconnectMs: 20 }))
  one.subscribe((e) => heard.one.push(e))
  two.subscribe((e) => heard.two.push(e))
  await until(() => server.sessions.size === 2)
  return { server, one, two, heard }
}

describe('the hall transport (LISTEN/NOTIFY)', () => {
  it('carries one desk’s change to the other, and each desk hears its own once', async () => {
    const { one, two, heard } = await twoDesks()
    one.announce({ topic: 'visit', ids: ['WH-20261202-0001'] })
    const expected: LiveEvent = { kind: 'changes', changes: [{ topic: 'visit', ids: ['WH-20261202-0001'] }] }
    await until(() => heard.two.length === 1)
    expect(heard.two).toEqual([expected])
    // Desk 1's windows heard it at once, and not a second time back from the server.
    await new Promise((r) => setTimeout(r, 30))
    expect(heard.one).toEqual([expected])
    await one.close()
    await two.close()
  })

  it('listens again after the connection was cut, and tells the pages to re-read', async () => {
    const { server, one, two, heard } = await twoDesks()
    server.down = true
    server.cutAll()
    // While the server is away, a change cannot reach the other desk.
    one.announce({ topic: 'case', ids: ['WH-20261202-0001'] })
    await new Promise((r) => setTimeout(r, 60))
    expect(heard.two).toEqual([])
    server.down = false
    await until(() => heard.two.length === 1 && server.sessions.size === 2)
    expect(heard.two).toEqual([{ kind: 'resync' }])
    expect(heard.one.at(-1)).toEqual({ kind: 'resync' })
    one.announce({ topic: 'case', ids: ['WH-20261202-0002'] })
    await until(() => heard.two.length === 2)
    expect(heard.two[1]).toEqual({ kind: 'changes', changes: [{ topic: 'case', ids: ['WH-20261202-0002'] }] })
    await one.close()
    await two.close()
  })

  it('names only the topics when the ids would not fit in a NOTIFY', () => {
    const many = Array.from({ length: 100 }, (_, i) => `WH-20261202-${String(i + 1).padStart(4, '0')}`)
    const changes = ['visit', 'case', 'receipt', 'leader', 'user', 'unit'].map((topic) => ({ topic: topic as 'case', ids: many }))
    const payload = notifyPayload('desk-1', changes)
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(7900)
    expect(JSON.parse(payload)).toEqual({ desk: 'desk-1', changes: changes.map((c) => ({ topic: c.topic, ids: null })) })
    expect(CHANGES_CHANNEL).toBe('intake_desk_changes')
  })
})
