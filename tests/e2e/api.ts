import { randomBytes } from 'node:crypto'
import type { MethodInput, MethodName, MethodOutput } from '../../shared/rpc/contract'
import type { RpcResult } from '../../shared/rpc/result'
import type { Host } from './fixtures'

/** A client of the browser host's HTTP transport, as one browser tab would be. */
export function apiClient(host: Host) {
  const url = new URL(host.url)
  const token = url.searchParams.get('token') ?? ''
  const session = randomBytes(16).toString('hex')
  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<RpcResult<MethodOutput<M>>> {
    // After a long synchronous step of the test (decoding a QR from a 200 dpi page, say) the host
    // may have closed the idle keep-alive socket already: one turn of the event loop reads its
    // close (a timer turn: one setImmediate is not enough, measured) before fetch would reuse it and fail with "other side closed".
    await new Promise((resolve) => setTimeout(resolve, 0))
    const response = await fetch(new URL('/rpc', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Intake-Token': token, 'X-Intake-Session': session },
      body: JSON.stringify({ method, input }),
    })
    return (await response.json()) as RpcResult<MethodOutput<M>>
  }
  async function ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const result = await call(method, input)
    if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`)
    return result.value
  }
  return { call, ok }
}
