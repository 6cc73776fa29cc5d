import type { TFunction } from 'i18next'
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'
import type { RpcError } from '../../shared/rpc/result'
import { isMessageKey } from '../i18n'

// Form errors carry a catalogue key, optionally with parameters: "key" or "key|{json}".
// The field renders them in the current language, so switching language re-translates.

export function encodeMessage(key: string, params?: Record<string, string | number>): string {
  return params === undefined || Object.keys(params).length === 0 ? key : `${key}|${JSON.stringify(params)}`
}

export function decodeMessage(message: string): { key: string; params: Record<string, string | number> } {
  const bar = message.indexOf('|')
  if (bar < 0) return { key: message, params: {} }
  try {
    return { key: message.slice(0, bar), params: JSON.parse(message.slice(bar + 1)) as Record<string, string | number> }
  } catch {
    return { key: message.slice(0, bar), params: {} }
  }
}

/** A form error in the current language; a message that names no catalogue key shows as written. */
export function messageText(t: TFunction, message: string): string {
  const { key, params } = decodeMessage(message)
  return isMessageKey(key) ? t(key, params) : key
}

/**
 * Puts the main side's field errors on the form's fields. Returns false when the error named
 * no field of the form, so the caller shows it as a page message instead.
 */
export function applyServerErrors<T extends FieldValues>(setError: UseFormSetError<T>, error: RpcError): boolean {
  const fields = error.fields ?? []
  for (const f of fields) {
    setError(f.path as Path<T>, { type: 'server', message: encodeMessage(f.key, error.params) }, { shouldFocus: true })
  }
  return fields.length > 0
}
