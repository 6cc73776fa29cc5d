import { toHalfWidth } from './text'

export type PhoneResult = { ok: true; value: string } | { ok: false }

const MOBILE = /^1[3-9]\d{9}$/
// Beijing (010) and the 02x cities have 8-digit local numbers; the 4-digit area codes
// (03xx–09xx) have 7 or 8. Local numbers never start with 0 or 1. An extension may follow.
const LANDLINE = /^(0(10|2\d)-?[2-9]\d{7}|0[3-9]\d{2}-?[2-9]\d{6,7})(-\d{1,6})?$/

/** Validates a mainland mobile (13812345678) or landline (027-88886666) number. */
export function parsePhone(input: string): PhoneResult {
  let value = toHalfWidth(input).replace(/[\s()（）]/g, '')
  if (value.startsWith('+86')) value = value.slice(3)
  else if (value.startsWith('0086')) value = value.slice(4)
  value = value.replace(/^-/, '')
  if (MOBILE.test(value)) return { ok: true, value }
  if (LANDLINE.test(value)) return { ok: true, value }
  return { ok: false }
}

/** Masks a phone number for lists: 139****1111. */
export function maskPhone(phone: string | null): string {
  if (phone === null) return ''
  if (phone.length < 7) return phone
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}
