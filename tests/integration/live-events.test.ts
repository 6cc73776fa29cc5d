import { mkdirSync, writeFileSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import type { Host } from '../../electron/host/server'
import { startHost } from '../../electron/host/server'
import { ok, setUpHall, tempDir, testCore, validIntake } from './helpers'

// The browser host's event stream: the token and a signed-in session, as for the RPC; then every
// committed change as an SSE `change` event; the stream ends with the session.

const TOKEN = 'live-token-0123456789abcdefghijklmn'
const SESSION = 'tab-live-0123456789ab'

let dir: ReturnType<typeof tempDir>
let core: Core
let host: Host

beforeEach(async () => {
  dir = tempDir()
  core = await testCore(join(dir.dir, 'data'))
  await setUpHall(core)
  const staticDir = join(dir.dir, 'static')
  mkdirSync(staticDir, { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>')
  const mayHear = (key: string) => {
    const s = core.sessions.get(key)
    return s !== undefined && !s.locked
  }
  host = await startHost({ dispatch: core.dispatch, staticDir, port: 0, token: TOKEN, events: { subscribe: core.changes.subscribe, mayHear } })
  await ok(core, `http:${SESSION}`, 'auth.signIn', { badgeNo: 'A001', password: 'Admin2026pass' })
})
afterEach(async () => {
  await host.close()
  await core.close()
  dir.remove()
})

function open(path: string): Promise<IncomingMessage> {
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
  it('refuses a wrong token, a malformed session and a session that is not signed in', async () => {
    expect((await open(`/events?token=wrong&session=${SESSION}`)).statusCode).toBe(403)
    expect((await open(`/events?token=${TOKEN}&session=x`)).statusCode).toBe(400)
    expect((await open(`/events?token=${TOKEN}&session=tab-nobody-0123456789`)).statusCode).toBe(403)
  })

  it('streams each committed change to a signed-in session', async () => {
    const res = await open(`/events?token=${TOKEN}&session=${SESSION}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    const text = read(res, (t) => t.includes('event: change'))
    const { caseNumber } = await ok(core, `http:${SESSION}`, 'intake.register', validIntake())
    const data = /event: change\ndata: (.*)\n\n/.exec(await text)?.[1]
    expect(JSON.parse(data ?? 'null')).toEqual({ kind: 'changes', changes: [{ topic: 'visit', ids: [caseNumber] }] })
    res.destroy()
  })

  it('ends the stream at the next change once the session has signed out', async () => {
    const res = await open(`/events?token=${TOKEN}&session=${SESSION}`)
    const text = read(res, () => false)
    await ok(core, `http:${SESSION}`, 'auth.signOut', {})
    await ok(core, 'admin', 'units.add', { name: '市水务局' })
    expect(await text).not.toContain('event: change')
  })
})
