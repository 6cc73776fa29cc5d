import { mkdirSync, writeFileSync } from 'node:fs'
import type { IncomingHttpHeaders } from 'node:http'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { Duplex } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import type { Host } from '../../electron/host/server'
import { startHost } from '../../electron/host/server'
import { CONTENT_SECURITY_POLICY, isAllowedHost, isLoopback } from '../../electron/host/security'
import type { Dispatch } from '../../electron/rpc/dispatcher'
import type { RpcResult } from '../../shared/rpc/result'
import { ERROR_CODES } from '../../shared/rpc/result'
import { ADMIN, setUpHall, tempDir, testCore, type FakeClock } from './helpers'

const CJK = /[\u4e00-\u9fff]/
const TOKEN = 'test-token-0123456789abcdefghijklmnop'
const SESSION = 'tab-0123456789abcdef'
const INDEX_HTML = '<!doctype html><meta charset="utf-8"><title>接访台</title><div id="root"></div>'
const APP_JS = 'console.log("app")'
/** A file next to the static folder, which no request may read. */
const SECRET = 'SECRET-OUTSIDE-THE-STATIC-FOLDER'

let dir: ReturnType<typeof tempDir>
let core: Core & { clock: FakeClock }
let host: Host
/** Every call that reached the dispatcher, as [sessionKey, method]. */
const reached: [string, unknown][] = []

beforeAll(async () => {
  dir = tempDir()
  core = await testCore(join(dir.dir, 'data'))
  await setUpHall(core)
  const staticDir = join(dir.dir, 'static')
  mkdirSync(join(staticDir, 'assets'), { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML)
  writeFileSync(join(staticDir, 'assets', 'app.js'), APP_JS)
  writeFileSync(join(dir.dir, 'secret.txt'), SECRET)
  const dispatch: Dispatch = (sessionKey, method, input) => {
    reached.push([sessionKey, method])
    return core.dispatch(sessionKey, method, input)
  }
  host = await startHost({ dispatch, staticDir, port: 0, token: TOKEN })
})
afterAll(async () => {
  await host.close()
  await core.close()
  dir.remove()
})

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

interface Req {
  method?: string
  path?: string
  headers?: Record<string, string | number>
  body?: string | Buffer
  /** The Host header; our own origin unless given, none at all with null. */
  host?: string | null
}

/** One HTTP request to the host on loopback, with exactly the headers given. */
function send(req: Req): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers }
    if (req.host !== null) headers.Host = req.host ?? `127.0.0.1:${host.port}`
    const r = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: req.method ?? 'GET',
        path: req.path ?? '/',
        headers,
        setHost: false,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    r.on('error', reject)
    r.end(req.body)
  })
}

/** A POST /rpc with the right token and session unless told otherwise. */
function rpc(
  body: unknown,
  headers: Record<string, string | number | undefined> = {},
  extra: Omit<Req, 'body' | 'headers'> = {},
) {
  const all: Record<string, string | number | undefined> = {
    'Content-Type': 'application/json',
    'X-Intake-Token': TOKEN,
    'X-Intake-Session': SESSION,
    ...headers,
  }
  const defined = Object.fromEntries(
    Object.entries(all).filter((e): e is [string, string | number] => e[1] !== undefined),
  )
  return send({
    method: 'POST',
    path: '/rpc',
    headers: defined,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...extra,
  })
}

/** The body as a typed refusal: `{ ok: false, error: { code, message } }` with a Chinese message. */
function refusal(reply: Reply, code: (typeof ERROR_CODES)[number]): void {
  expect(reply.headers['content-type']).toMatch(/^application\/json/)
  const result = JSON.parse(reply.body) as RpcResult<unknown>
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(ERROR_CODES).toContain(result.error.code)
  expect(result.error.code).toBe(code)
  expect(result.error.message).toMatch(CJK)
}

/** Runs `f` and returns how many calls reached the dispatcher meanwhile. */
async function reachedDuring(f: () => Promise<unknown>): Promise<number> {
  const before = reached.length
  await f()
  return reached.length - before
}

const STATUS_CALL = { method: 'app.status', input: {} }

describe('where the host listens', () => {
  it('listens on 127.0.0.1 only', () => {
    const address = host.server.address() as AddressInfo
    expect(address.address).toBe('127.0.0.1')
    expect(address.family).toBe('IPv4')
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`)
  })

  it.each([
    ['127.0.0.1', true],
    ['127.8.8.8', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['192.168.1.2', false],
    ['::ffff:10.0.0.1', false],
    ['0.0.0.0', false],
    ['::', false],
    ['fe80::1', false],
    ['128.0.0.1', false],
    ['127.0.0.1.nip.io', false],
    ['', false],
    [undefined, false],
  ])('isLoopback(%j) is %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected)
  })

  it('isAllowedHost admits only our own origin and port', () => {
    const port = 5181
    expect(isAllowedHost('127.0.0.1:5181', port)).toBe(true)
    expect(isAllowedHost('localhost:5181', port)).toBe(true)
    for (const foreign of [
      'evil.example:5181',
      '127.0.0.1.nip.io:5181',
      'localhost.evil.example:5181',
      '127.0.0.1:5182',
      '127.0.0.1',
      'localhost',
      '[::1]:5181',
      '0.0.0.0:5181',
      '',
      undefined,
    ]) {
      expect(isAllowedHost(foreign, port), String(foreign)).toBe(false)
    }
  })

  it('refuses a peer that is not on loopback with 403, before the dispatcher', async () => {
    // The server listens on loopback, so such a peer cannot connect for real; this hands the
    // server a connection in memory whose peer address is 10.0.0.5. No traffic leaves the process.
    class FakeSocket extends Duplex {
      received = ''
      override _read(): void {}
      override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
        this.received += chunk.toString('utf8')
        done()
      }
    }
    const ask = async (raw: string): Promise<string> => {
      const socket = new FakeSocket()
      Object.defineProperty(socket, 'remoteAddress', { value: '10.0.0.5' })
      host.server.emit('connection', socket)
      const done = new Promise<void>((resolve) => socket.on('finish', () => resolve()))
      socket.push(raw)
      await done
      return socket.received
    }
    const origin = `127.0.0.1:${host.port}`
    const body = JSON.stringify(STATUS_CALL)
    const n = await reachedDuring(async () => {
      const page = await ask(`GET /?token=${TOKEN} HTTP/1.1\r\nHost: ${origin}\r\nConnection: close\r\n\r\n`)
      expect(page).toMatch(/^HTTP\/1\.1 403 /)
      expect(page).not.toContain(INDEX_HTML)
      const call = await ask(
        `POST /rpc HTTP/1.1\r\nHost: ${origin}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
          `X-Intake-Token: ${TOKEN}\r\nX-Intake-Session: ${SESSION}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      )
      expect(call).toMatch(/^HTTP\/1\.1 403 /)
    })
    expect(n).toBe(0)
  })
})

describe('POST /rpc', () => {
  it('answers a valid call with 200 and the dispatcher result, keyed by the tab session', async () => {
    const before = reached.length
    const reply = await rpc(STATUS_CALL)
    expect(reply.status).toBe(200)
    const result = JSON.parse(reply.body) as RpcResult<{ setUp: boolean }>
    expect(result).toMatchObject({ ok: true, value: { setUp: true } })
    expect(reached.slice(before)).toEqual([[`http:${SESSION}`, 'app.status']])
  })

  it('keeps one session per tab: signed in on one session id, not on another', async () => {
    const signIn = await rpc({
      method: 'auth.signIn',
      input: { badgeNo: ADMIN.badgeNo, password: ADMIN.password },
    })
    expect(signIn.status).toBe(200)
    expect(JSON.parse(signIn.body)).toMatchObject({ ok: true })
    const mine = await rpc({ method: 'visits.today', input: {} })
    expect(JSON.parse(mine.body)).toMatchObject({ ok: true, value: [] })
    const other = await rpc(
      { method: 'visits.today', input: {} },
      { 'X-Intake-Session': 'another-tab-0123456789' },
    )
    expect(other.status).toBe(200)
    refusal(other, 'UNAUTHENTICATED')
  })

  it('answers an unknown method with a typed UNKNOWN_METHOD', async () => {
    const reply = await rpc({ method: 'db.exec', input: { sql: 'DROP TABLE visits' } })
    expect(reply.status).toBe(200)
    refusal(reply, 'UNKNOWN_METHOD')
  })

  it.each([
    ['no token', { 'X-Intake-Token': undefined }],
    ['an empty token', { 'X-Intake-Token': '' }],
    ['a wrong token of the same length', { 'X-Intake-Token': TOKEN.replace(/.$/, '!') }],
    ['a wrong, shorter token', { 'X-Intake-Token': TOKEN.slice(0, 8) }],
    ['a wrong, longer token', { 'X-Intake-Token': `${TOKEN}x` }],
  ])('refuses %s with 403 FORBIDDEN, before the dispatcher', async (_, headers) => {
    let reply: Reply | undefined
    const n = await reachedDuring(async () => {
      reply = await rpc(STATUS_CALL, headers)
    })
    expect(n).toBe(0)
    expect(reply?.status).toBe(403)
    if (reply !== undefined) refusal(reply, 'FORBIDDEN')
  })

  it('does not take the token from the query string of /rpc', async () => {
    const n = await reachedDuring(async () => {
      const reply = await rpc(STATUS_CALL, { 'X-Intake-Token': undefined }, { path: `/rpc?token=${TOKEN}` })
      expect(reply.status).toBe(403)
      refusal(reply, 'FORBIDDEN')
    })
    expect(n).toBe(0)
  })

  it.each(['evil.example', '127.0.0.1.nip.io', 'localhost.evil.example', 'attacker.localhost'])(
    'refuses Host %s:PORT with 421 even with the right token, before the dispatcher',
    async (name) => {
      const n = await reachedDuring(async () => {
        const reply = await rpc(STATUS_CALL, {}, { host: `${name}:${host.port}` })
        expect(reply.status).toBe(421)
        expect(reply.body).not.toContain('"ok":true')
        const page = await send({ path: `/?token=${TOKEN}`, host: `${name}:${host.port}` })
        expect(page.status).toBe(421)
        expect(page.body).not.toContain(INDEX_HTML)
        expect(page.headers['content-security-policy']).toBeUndefined()
      })
      expect(n).toBe(0)
    },
  )

  it('refuses our own address on another port, or without a port, with 421', async () => {
    const n = await reachedDuring(async () => {
      for (const other of [
        `127.0.0.1:${host.port + 1}`,
        '127.0.0.1',
        `localhost:${host.port + 1}`,
        `[::1]:${host.port}`,
      ]) {
        const reply = await rpc(STATUS_CALL, {}, { host: other })
        expect(reply.status, other).toBe(421)
      }
    })
    expect(n).toBe(0)
  })

  it('refuses a request without a Host header, before the dispatcher', async () => {
    const n = await reachedDuring(async () => {
      const reply = await rpc(STATUS_CALL, {}, { host: null })
      // Node answers 400 itself for an HTTP/1.1 request without Host; the host check would say 421.
      expect([400, 421]).toContain(reply.status)
    })
    expect(n).toBe(0)
  })

  it.each([
    ['no session id', { 'X-Intake-Session': undefined }],
    ['an empty session id', { 'X-Intake-Session': '' }],
    ['a session id that is too short', { 'X-Intake-Session': 'abc' }],
    ['a session id with spaces', { 'X-Intake-Session': 'abc def ghi jkl mno' }],
    ['a session id with dots and slashes', { 'X-Intake-Session': '../../0123456789abcdef' }],
    ['a session id of 129 characters', { 'X-Intake-Session': 'a'.repeat(129) }],
    ['a text/plain body', { 'Content-Type': 'text/plain' }],
    ['no content type', { 'Content-Type': undefined }],
  ])('refuses %s with 400 BAD_REQUEST, before the dispatcher', async (_, headers) => {
    const n = await reachedDuring(async () => {
      const reply = await rpc(STATUS_CALL, headers)
      expect(reply.status).toBe(400)
      refusal(reply, 'BAD_REQUEST')
    })
    expect(n).toBe(0)
  })

  it.each([
    ['malformed JSON', '{"method": "app.status", '],
    ['an empty body', ''],
    ['JSON null', 'null'],
    ['a JSON array', '[{"method":"app.status","input":{}}]'],
    ['a JSON string', '"app.status"'],
    ['a JSON number', '42'],
    ['JSON cut off before its end', '{"method":"app.status","input":{}'],
  ])('refuses %s with 400 BAD_REQUEST, before the dispatcher', async (_, body) => {
    const n = await reachedDuring(async () => {
      const reply = await rpc(body)
      expect(reply.status).toBe(400)
      refusal(reply, 'BAD_REQUEST')
    })
    expect(n).toBe(0)
  })

  it('answers GET /rpc with 405', async () => {
    const n = await reachedDuring(async () => {
      const reply = await send({
        path: '/rpc',
        headers: { 'X-Intake-Token': TOKEN, 'X-Intake-Session': SESSION },
      })
      expect(reply.status).toBe(405)
      refusal(reply, 'BAD_REQUEST')
    })
    expect(n).toBe(0)
  })

  const OVERSIZED = Buffer.concat([
    Buffer.from('{"method":"app.status","input":{"x":"'),
    Buffer.alloc(1024 * 1024, 0x61),
    Buffer.from('"}}'),
  ])

  it('never hands a body over 1 MiB to the dispatcher, and keeps serving', async () => {
    const n = await reachedDuring(async () => {
      const outcome = await rpc(OVERSIZED).then(
        (reply) => reply.status,
        (error: NodeJS.ErrnoException) => error.code,
      )
      expect(outcome).not.toBe(200)
    })
    expect(n).toBe(0)
    expect((await rpc(STATUS_CALL)).status).toBe(200)
  })

  // Regression: the socket was once destroyed before the 413 answer was written (ECONNRESET).
  it('answers a body over 1 MiB with 413 and a typed BAD_REQUEST', async () => {
    const reply = await rpc(OVERSIZED)
    expect(reply.status).toBe(413)
    refusal(reply, 'BAD_REQUEST')
  })

  it('accepts a body just under 1 MiB (and the schema refuses its content)', async () => {
    const body = JSON.stringify({ method: 'app.status', input: { x: 'a'.repeat(1024 * 1024 - 100) } })
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(1024 * 1024)
    const reply = await rpc(body)
    expect(reply.status).toBe(200)
    refusal(reply, 'VALIDATION')
  })
})

describe('GET of the page and its files', () => {
  it.each([
    ['/', 'without a token'],
    ['/index.html', 'without a token'],
    ['/?token=', 'with an empty token'],
    [`/?token=${TOKEN.slice(0, -1)}`, 'with a wrong token'],
    [`/?Token=${TOKEN}`, 'with the token under another name'],
  ])('answers %s %s with the 403 page', async (path) => {
    const reply = await send({ path })
    expect(reply.status).toBe(403)
    expect(reply.headers['content-type']).toMatch(/^text\/html/)
    expect(reply.body).toMatch(CJK)
    expect(reply.body).not.toContain(INDEX_HTML)
    expect(reply.body).not.toContain(TOKEN)
  })

  it.each(['/', '/index.html'])(
    'answers %s?token=… with 200, the page and a Content-Security-Policy',
    async (path) => {
      const reply = await send({ path: `${path}?token=${TOKEN}` })
      expect(reply.status).toBe(200)
      expect(reply.body).toBe(INDEX_HTML)
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
      expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'")
      // The address holds the token: it must not leak through the Referer header or a cache.
      expect(reply.headers['referrer-policy']).toBe('no-referrer')
      expect(reply.headers['cache-control']).toBe('no-store')
      expect(reply.headers['x-content-type-options']).toBe('nosniff')
    },
  )

  it('serves the built files without a token, with the CSP', async () => {
    const reply = await send({ path: '/assets/app.js' })
    expect(reply.status).toBe(200)
    expect(reply.body).toBe(APP_JS)
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
  })

  it.each([
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/%252e%252e/secret.txt',
    '//etc/passwd',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/missing.js',
  ])('answers GET %s with 404 and nothing from outside the folder', async (path) => {
    const reply = await send({ path })
    expect(reply.status).toBe(404)
    expect(reply.body).not.toContain(SECRET)
    expect(reply.body).not.toMatch(/root:/)
  })

  it('answers other methods with 405', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const reply = await send({ method, path: `/?token=${TOKEN}` })
      expect(reply.status, method).toBe(405)
    }
  })
})
