import { randomBytes } from 'node:crypto'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import type { LiveEvent } from '../../shared/live/changes'
import type { RpcResult } from '../../shared/rpc/result'
import type { Dispatch } from '../rpc/dispatcher'
import { rpcError } from '../rpc/errors'
import { CONTENT_SECURITY_POLICY, SESSION_ID_PATTERN, isAllowedHost, isLoopback, sameSecret } from './security'
import { readStatic } from './static-files'

/** Largest accepted RPC body: five answers of 5,000 characters are well under 100 KB. */
const MAX_BODY_BYTES = 1024 * 1024
/** A comment line this often keeps an idle event stream from looking dead. */
const EVENT_HEARTBEAT_MS = 20_000
/** How soon a browser reconnects a dropped event stream (the pages promise a change within 2 s). */
const EVENT_RETRY_MS = 1000

/** The hall's changes, for GET /events (Server-Sent Events). */
export interface HostEvents {
  subscribe: (listener: (event: LiveEvent) => void) => () => void
  /** Whether the session may hear them: the same rule as for the RPC's data. */
  mayHear: (sessionKey: string) => boolean
}

export interface HostOptions {
  dispatch: Dispatch
  /**
   * A finished export by job id, for GET /download/<id> with the token and session headers: only
   * the session that made it, once (`done` removes it once sent).
   */
  download?: (sessionKey: string, id: string) => { path: string; fileName: string; done: () => void } | null
  events?: HostEvents
  staticDir: string
  port: number
  /** Fixed by tests of the transport; otherwise random per launch. */
  token?: string
}

export interface Host {
  url: string
  port: number
  token: string
  server: Server
  close: () => Promise<void>
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    ...extra,
  })
  res.end(body)
}

function sendResult(res: ServerResponse, status: number, result: RpcResult<unknown>): void {
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8')
}

/** Reads the body, or null once it passes the limit (the rest is drained, not kept). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      req.resume()
      resolve(null)
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (chunk: Buffer) => {
      if (over) return
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        over = true
        chunks.length = 0
        resolve(null)
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'))
    })
    req.on('error', reject)
  })
}

const FORBIDDEN_PAGE =
  '<!doctype html><meta charset="utf-8"><title>接访台</title><p>请使用启动时显示的完整地址（含 token）打开接访台。</p><p>Open Intake Desk with the full address printed at start-up (with its token).</p>'

/**
 * The browser host's HTTP transport: the same dispatcher as Electron IPC, on loopback only,
 * with the Host header checked and a per-launch token on every call.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let port = options.port

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress)) return send(res, 403, 'Forbidden', 'text/plain')
    if (!isAllowedHost(req.headers.host, port)) return send(res, 421, 'Misdirected request', 'text/plain')
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)

    if (url.pathname === '/rpc') {
      if (req.method !== 'POST') return sendResult(res, 405, { ok: false, error: rpcError('BAD_REQUEST') })
      if (!sameSecret(header(req, 'x-intake-token'), token)) {
        return sendResult(res, 403, { ok: false, error: rpcError('FORBIDDEN') })
      }
      const sessionId = header(req, 'x-intake-session') ?? ''
      if (!SESSION_ID_PATTERN.test(sessionId) || !(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendResult(res, 400, { ok: false, error: rpcError('BAD_REQUEST') })
      }
      const body = await readBody(req)
      if (body === null) {
        // Answer first, then close: the client reads the 413 instead of a reset connection.
        res.setHeader('Connection', 'close')
        return sendResult(res, 413, { ok: false, error: rpcError('BAD_REQUEST') })
      }
      let call: unknown
      try {
        call = JSON.parse(body)
      } catch {
        return sendResult(res, 400, { ok: false, error: rpcError('BAD_REQUEST') })
      }
      if (typeof call !== 'object' || call === null || Array.isArray(call)) {
        return sendResult(res, 400, { ok: false, error: rpcError('BAD_REQUEST') })
      }
      const { method, input } = call as { method?: unknown; input?: unknown }
      const result = await options.dispatch(`http:${sessionId}`, method, input ?? {})
      return sendResult(res, 200, result)
    }

    if (url.pathname === '/events') return streamEvents(req, res, url)
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain')
    const download = /^\/download\/([0-9a-f]{24})$/.exec(url.pathname)
    if (download?.[1] !== undefined) {
      // Fetched by the page with the same headers as a call, so a link copied elsewhere opens nothing.
      if (!sameSecret(header(req, 'x-intake-token'), token)) return send(res, 403, 'Forbidden', 'text/plain')
      const sessionId = header(req, 'x-intake-session') ?? ''
      if (!SESSION_ID_PATTERN.test(sessionId)) return send(res, 400, 'Bad request', 'text/plain')
      const file = options.download?.(`http:${sessionId}`, download[1]) ?? null
      if (file === null) return send(res, 404, 'Not found', 'text/plain')
      try {
        const body = await readFile(file.path)
        return send(res, 200, body, 'application/octet-stream', {
          'Content-Disposition': `attachment; filename="export"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        })
      } finally {
        file.done()
      }
    }
    const isPage = url.pathname === '/' || url.pathname === '/index.html'
    if (isPage && !sameSecret(url.searchParams.get('token') ?? undefined, token)) {
      return send(res, 403, FORBIDDEN_PAGE, 'text/html; charset=utf-8')
    }
    const file = await readStatic(options.staticDir, isPage ? '/index.html' : url.pathname)
    if (file === null) return send(res, 404, 'Not found', 'text/plain')
    const cache = isPage ? 'no-store' : 'max-age=3600'
    send(res, 200, file.body, file.type, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Cache-Control': cache })
  }

  /**
   * The hall's changes as Server-Sent Events, behind the token and a signed-in session like the
   * RPC (EventSource sends no headers, so both come in the query). The stream ends when the
   * session does; the page opens a new one after signing in again.
   */
  function streamEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET') return send(res, 405, 'Method not allowed', 'text/plain')
    if (!sameSecret(url.searchParams.get('token') ?? undefined, token)) return send(res, 403, 'Forbidden', 'text/plain')
    const sessionId = url.searchParams.get('session') ?? ''
    if (!SESSION_ID_PATTERN.test(sessionId)) return send(res, 400, 'Bad request', 'text/plain')
    const events = options.events
    const key = `http:${sessionId}`
    if (events === undefined || !events.mayHear(key)) return send(res, 403, 'Forbidden', 'text/plain')
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    })
    res.write(`retry: ${EVENT_RETRY_MS}\n: open\n\n`)
    const heartbeat = setInterval(() => res.write(': ping\n\n'), EVENT_HEARTBEAT_MS)
    const unsubscribe = events.subscribe((event) => {
      if (!events.mayHear(key)) {
        res.end()
        return
      }
      res.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`)
    })
    res.on('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
    })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendResult(res, 500, { ok: false, error: rpcError('INTERNAL') })
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}
