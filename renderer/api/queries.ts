import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query'
import { QueryClient, keepPreviousData, useMutation, useQuery } from '@tanstack/react-query'
import type { DeskLink } from '../../shared/app/types'
import type { ReadMethod } from '../../shared/live/reads'
import type { MethodInput, MethodName, MethodOutput } from '../../shared/rpc/contract'
import type { RpcError } from '../../shared/rpc/result'
import { call, errorText } from './client'

/** A failed call as TanStack Query sees it: the typed error the main side sent. */
export class RpcFailure extends Error {
  constructor(readonly rpc: RpcError) {
    super(rpc.message)
    this.name = 'RpcFailure'
  }
}

/** The renderer's server state: what the main side answered, kept until a change says otherwise. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A lost connection is worth another try; a refusal (not found, forbidden…) is not.
      retry: (failures, error) => error instanceof RpcFailure && error.rpc.code === 'TRANSPORT' && failures < 2,
      // Changes arrive from the main side (renderer/api/live.ts); focusing a window is no news.
      refetchOnWindowFocus: false,
    },
  },
})

async function run<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await call(method, input)
  if (!result.ok) throw new RpcFailure(result.error)
  return result.value
}

/** The query key of a method and its input: one cache entry each. */
export const rpcKey = <M extends ReadMethod>(method: M, input: MethodInput<M>) => [method, input] as const

export interface RpcQueryOptions {
  /** False while the page lacks what the call needs (nothing is fetched). */
  enabled?: boolean
  /** Keeps the last result on screen while a new input loads (filters, periods). */
  keepPrevious?: boolean
  /** Reads again every so many milliseconds while set (a long job's progress). */
  refetchInterval?: number | false
}

/** Reads `method` with `input`; refetched when a committed change touches it (shared/live/reads.ts). */
export function useRpcQuery<M extends ReadMethod>(method: M, input: MethodInput<M>, options: RpcQueryOptions = {}): UseQueryResult<MethodOutput<M>, RpcFailure> {
  return useQuery<MethodOutput<M>, RpcFailure>({
    queryKey: rpcKey(method, input),
    queryFn: () => run(method, input),
    enabled: options.enabled ?? true,
    ...(options.keepPrevious === true ? { placeholderData: keepPreviousData } : {}),
    ...(options.refetchInterval === undefined ? {} : { refetchInterval: options.refetchInterval }),
  })
}

/** A write through `method`; what it changed comes back as a change event and refreshes the pages. */
export function useRpcMutation<M extends MethodName>(method: M): UseMutationResult<MethodOutput<M>, RpcFailure, MethodInput<M>> {
  return useMutation<MethodOutput<M>, RpcFailure, MethodInput<M>>({ mutationFn: (input) => run(method, input) })
}

/** The message of a failed query or mutation in the user's language, or null. */
export function failureText(error: RpcFailure | null): string | null {
  return error === null ? null : errorText(error.rpc)
}

/**
 * The desk and its link to the hall's database, read once per page that needs the engine (a desk on
 * the hall's database shows each case's window; one already there has nothing to move). The header
 * polls the link's state itself (DeskLinkBadge).
 */
export function useDeskLink(): UseQueryResult<DeskLink, RpcFailure> {
  return useQuery<DeskLink, RpcFailure>({ queryKey: ['app.link'], queryFn: () => run('app.link', {}) })
}
