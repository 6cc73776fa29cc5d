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
