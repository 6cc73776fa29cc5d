import { mkdirSync, writeFileSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { request } from 'node:http'
import { join } from 'node:path'
import { describe, expect } from 'vitest'
import type { Host } from '../../electron/host/server'
import { startHost } from '../../electron/host/server'
import { test } from './fixtures'
import { ok, tempDir, validIntake } from './helpers'

// The browser host's event stream: the token and a signed-in session, as for the RPC; then every
// committed change as an SSE `change` event; the stream ends with the session.

const TOKEN = 'live-token-0123456789abcdefghijklmn'
const SESSION = 'tab-live-0123456789ab'

const it = test.extend<{ host: Host }>({
  // The host serves a page from a folder of its own; SESSION is the administrator's signed-in tab.
  host: async ({ core }, use) => {
    const dir = tempDir()
    try {
      const staticDir = join(dir.dir, 'static')
      mkdirSync(staticDir, { recursive: true })
      writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>')
      const mayHear = (key: string) => {
        const s = core.sessions.get(key)
        return s !== undefined && !s.locked
      }
      const host = await startHost({ dispatch: core.dispatch, staticDir, port: 0, token: TOKEN, events: { subscribe: core.changes.subscribe, mayHear } })
      try {
        await ok(core, `http:${SESSION}`, 'auth.signIn', { badgeNo: 'A001', password: 'Admin2026pass' })
        await use(host)
      } finally {
        await host.close()
      }
    } finally {
      dir.remove()
    }
  },
})

function open(host: Host, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port: host.port, path, headers: { Host: `127.0.0.1:${host.port}`, Accept: 'text/event-stream' } }, resolve)
    r.on('error', reject)
    r.end()
  })
}

/** Collects the stream's text until `done` says it has enough (or the stream ends). */
function read(res: IncomingMessage, done: (text: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    let text = ''
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      text += chunk
      if (done(text)) resolve(text)
    })
    res.on('end', () => resolve(text))
  })
}

describe('GET /events', () => {
  it('refuses a wrong token, a malformed session and a session that is not signed in', async ({ host }) => {
    expect((await open(host, `/events?token=wrong&session=${SESSION}`)).statusCode).toBe(403)
    expect((await open(host, `/events?token=${TOKEN}&session=x`)).statusCode).toBe(400)
    expect((await open(host, `/events?token=${TOKEN}&session=tab-nobody-0123456789`)).statusCode).toBe(403)
  })

  it('streams each committed change to a signed-in session', async ({ core, host }) => {
    const res = await open(host, `/events?token=${TOKEN}&session=${SESSION}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    const text = read(res, (t) => t.includes('event: change'))
    const { caseNumber } = await ok(core, `http:${SESSION}`, 'intake.register', validIntake())
    const data = /event: change\ndata: (.*)\n\n/.exec(await text)?.[1]
    expect(JSON.parse(data ?? 'null')).toEqual({ kind: 'changes', changes: [{ topic: 'visit', ids: [caseNumber] }] })
    res.destroy()
  })

  it('ends the stream at the next change once the session has signed out', async ({ core, host }) => {
    const res = await open(host, `/events?token=${TOKEN}&session=${SESSION}`)
    const text = read(res, () => false)
    await ok(core, `http:${SESSION}`, 'auth.signOut', {})
    await ok(core, 'admin', 'units.add', { name: '市水务局' })
    expect(await text).not.toContain('event: change')
  })
})
