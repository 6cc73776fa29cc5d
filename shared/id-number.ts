import { toHalfWidth } from './text'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

export type IdNumberProblem = 'empty' | 'length' | 'characters' | 'birthDate' | 'future' | 'checksum'

export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; problem: IdNumberProblem }

/** Normalises what a receptionist typed: full-width to half-width, spaces dropped, x to X. */
export function normalizeIdNumber(input: string): string {
  return toHalfWidth(input).replace(/\s+/g, '').toUpperCase()
}

/** The GB 11643 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0)
  return CHECK_CHARS[sum % 11] ?? ''
}

/** Validates an 18-character resident ID number (GB 11643) and derives birth date and sex. */
export function parseIdNumber(input: string, today: Date = new Date()): IdNumberResult {
  const id = normalizeIdNumber(input)
  if (id === '') return { ok: false, problem: 'empty' }
  if (id.length !== 18) return { ok: false, problem: 'length' }
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'characters' }
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  const birth = new Date(Date.UTC(year, month - 1, day))
  if (
    year < 1880 ||
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day
  ) {
    return { ok: false, problem: 'birthDate' }
  }
  if (birth.getTime() > today.getTime()) return { ok: false, problem: 'future' }
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'checksum' }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  const sex = Number(id[16]) % 2 === 1 ? 'male' : 'female'
  return { ok: true, value: id, birthDate, sex }
}

/** Masks an ID number for lists and receipts: 420106********0311. */
export function maskIdNumber(id: string | null): string {
  if (id === null || id.length < 10) return id ?? ''
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`
}
