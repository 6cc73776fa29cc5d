import { useCallback, useEffect, useRef } from 'react'
import type { FieldErrors, FieldPath, FieldValues, UseFormReturn } from 'react-hook-form'

/** The paths of the errors a form shows: visitor.name, representatives.0.idNumber; a list's own error as the list's path. */
export function errorPaths(errors: FieldErrors, prefix = ''): string[] {
  const paths: string[] = []
  for (const [key, value] of Object.entries(errors) as [string, unknown][]) {
    if (key === 'ref' || typeof value !== 'object' || value === null) continue
    if (key === 'root') {
      if (prefix !== '') paths.push(prefix.slice(0, -1))
      continue
    }
    if ('message' in value && typeof value.message === 'string') paths.push(`${prefix}${key}`)
    else paths.push(...errorPaths(value, `${prefix}${key}.`))
  }
  return paths
}

/**
 * Messages stay true: after every change, the fields that show an error are checked again, so
 * an error the change resolved goes at once, even one that hangs on another field (转送 needs
 * 有权处理机关; 代表 no more than 来访人数). Only fields already in error are checked: one the user
 * has not left yet, nor tried to go on from, does not turn red (react-hook-form's onTouched);
 * a list's own error (代表 no more than 来访人数) is checked with the list's rows.
 */
export function useErrorsFollowValues<T extends FieldValues, V>(form: UseFormReturn<T, unknown, V>): () => Promise<void> {
  // The check in flight: a submit waits for it, as react-hook-form's submit and a check that
  // overlap can leave the submit unsettled (登记 spinning for good).
  const checking = useRef<Promise<unknown>>(Promise.resolve())
  useEffect(() => {
    const { unsubscribe } = form.watch(() => {
      // After the change has reached every subscriber: a check started inside the form's own
      // notification would nest one notification in another.
      queueMicrotask(() => {
        const stale = errorPaths(form.formState.errors)
        if (stale.length > 0) checking.current = checking.current.then(() => form.trigger(stale as FieldPath<T>[]))
      })
    })
    return unsubscribe
  }, [form])
  /** Resolves once no check is in flight (the submit's own validation then runs alone). */
  return useCallback(async () => {
    for (;;) {
      const current = checking.current
      await current.catch(() => undefined)
      // A change during the wait queued another check: wait for that one too.
      if (checking.current === current) return
    }
  }, [])
}
