import type { RepresentativeInput } from '../../shared/intake/representatives'
import { withStandardCheck } from './gb11643'

/**
 * A group visit's representative for test data: the name, a valid ID number made from the
 * position in the list (born 1970-01-0n in 武昌区), and a mobile phone; overrides replace fields.
 */
export function representative(name: string, n = 1, overrides: Partial<RepresentativeInput> = {}): RepresentativeInput {
  const day = String((n % 28) + 1).padStart(2, '0')
  return {
    name,
    noId: false,
    idNumber: withStandardCheck(`420106197001${day}${String(n % 1000).padStart(3, '0')}`),
    noIdReason: '',
    phone: `1390000${String(1000 + n).slice(-4)}`,
    ...overrides,
  }
}

/** Representatives for a list of names, each with its own ID number and phone. */
export function representatives(...names: string[]): RepresentativeInput[] {
  return names.map((name, i) => representative(name, i + 1))
}
