import type { MethodInput, MethodName, MethodOutput } from '../../shared/rpc/contract'
import type { ErrorCode, RpcError, RpcResult } from '../../shared/rpc/result'
import i18n, { isMessageKey } from '../i18n'

const SESSION_KEY = 'intake-desk.session'

/** This tab's session id in the browser host: kept across reloads, not shared with other tabs. */
export function browserSession(): string {
  let id = sessionStorage.getItem(SESSION_KEY)
  if (id === null) {
    const bytes = crypto.getRandomValues(new Uint8Array(24))
    id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
    sessionStorage.setItem(SESSION_KEY, id)
  }
  return id
}

export function browserToken(): string {
  return new URLSearchParams(location.search).get('token') ?? ''
}

function transportError(): RpcError {
  return { code: 'TRANSPORT', key: 'e.TRANSPORT', message: i18n.t('e.TRANSPORT') }
}

async function send(method: string, input: unknown): Promise<unknown> {
  if (window.intakeDesk !== undefined) return window.intakeDesk.call(method, input)
  const response = await fetch('/rpc', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Intake-Token': browserToken(),
      'X-Intake-Session': browserSession(),
    },
    body: JSON.stringify({ method, input }),
  })
  return response.json()
}

/**
 * Fetches a finished export from the browser host with this tab's token and session: the file
 * is given once, to the session that made it, within ten minutes. Null when it was refused.
 */
export async function fetchDownload(path: string): Promise<Blob | null> {
  try {
    const response = await fetch(path, { headers: { 'X-Intake-Token': browserToken(), 'X-Intake-Session': browserSession() } })
    return response.ok ? await response.blob() : null
  } catch {
    return null
  }
}

type Listener = (code: ErrorCode) => void
const sessionListeners = new Set<Listener>()

/** Codes that mean the session changed under the page: the app shell re-reads its status. */
const SESSION_CODES: ReadonlySet<ErrorCode> = new Set(['UNAUTHENTICATED', 'SESSION_LOCKED', 'PASSWORD_CHANGE_REQUIRED', 'SETUP_REQUIRED'])

export function onSessionChange(listener: Listener): () => void {
  sessionListeners.add(listener)
  return () => sessionListeners.delete(listener)
}

/** Calls a main-process method through whichever transport this page has. Never throws. */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<RpcResult<MethodOutput<M>>> {
  let result: RpcResult<MethodOutput<M>>
  try {
    result = (await send(method, input)) as RpcResult<MethodOutput<M>>
  } catch {
    return { ok: false, error: transportError() }
  }
  if (typeof result !== 'object' || result === null || !('ok' in result)) return { ok: false, error: transportError() }
  if (!result.ok && SESSION_CODES.has(result.error.code)) for (const l of sessionListeners) l(result.error.code)
  return result
}

/** The message of an error in the user's language (the main side sends Chinese). */
export function errorText(error: RpcError): string {
  return isMessageKey(error.key) ? i18n.t(error.key, error.params) : error.message
}
