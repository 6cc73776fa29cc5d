import { useCallback, useEffect, useRef, useState } from 'react'
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/rpc/contract'
import type { RpcError } from '../../../shared/rpc/result'
import { call } from '../../api/client'

/**
 * Reads a method now and every `ms` after: the queue changes at other desks, and the hall
 * screen and kiosk have nobody to press refresh. (Moves to the live TanStack Query hooks once
 * those land; the polling is the fallback that needs no server push.)
 */
export function usePoll<M extends MethodName>(method: M, input: MethodInput<M>, ms: number) {
  const [value, setValue] = useState<MethodOutput<M> | null>(null)
  const [error, setError] = useState<RpcError | null>(null)
  const key = JSON.stringify(input)
  const inputRef = useRef(input)
  inputRef.current = input
  const seq = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    const result = await call(method, inputRef.current)
    // An older answer arriving after a newer one is dropped.
    if (mine !== seq.current) return
    if (result.ok) {
      setValue(result.value)
      setError(null)
    } else {
      setError(result.error)
    }
  }, [method])

  useEffect(() => {
    void reload()
    const timer = setInterval(() => void reload(), ms)
    return () => clearInterval(timer)
  }, [reload, ms, key])

  return { value, error, reload }
}
