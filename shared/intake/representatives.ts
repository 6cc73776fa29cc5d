import { z } from 'zod'
import { maskIdNumber } from '../id-number'
import { maskPhone } from '../phone'
import { zhText } from '../i18n/zh-text'

/** One representative of a group visit as the form holds it (the main visitor's fields, minus the address). */
export interface RepresentativeInput {
  name: string
  noId: boolean
  idNumber: string
  noIdReason: string
  phone: string
}

/** A representative as a visit stores it: the ID number and phone normalized, null when not given. */
export interface StoredRepresentative {
  name: string
  idNumber: string | null
  noIdReason: string | null
  phone: string | null
}

/** A representative as lists, the case page, receipts and the 台账 show them. */
export interface MaskedRepresentative {
  name: string
  /** 420106********0311, or '' when the representative gave no ID number. */
  maskedIdNumber: string
  /** Why there is no ID number, or null. */
  noIdReason: string | null
  /** 138****4567, or ''. */
  maskedPhone: string
}

/** An empty representative row of the intake form. */
export function emptyRepresentative(): RepresentativeInput {
  return { name: '', noId: false, idNumber: '', noIdReason: '', phone: '' }
}

// Visits registered before representatives had ID numbers stored a list of names.
const storedSchema = z.array(
  z.union([
    z.string().transform((name): StoredRepresentative => ({ name, idNumber: null, noIdReason: null, phone: null })),
    z.object({
      name: z.string(),
      idNumber: z.string().nullable().catch(null),
      noIdReason: z.string().nullable().catch(null),
      phone: z.string().nullable().catch(null),
    }),
  ]),
)

/** The representatives of a stored visit (its JSON column); [] when the column holds anything else. */
export function parseStoredRepresentatives(json: string): StoredRepresentative[] {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return []
  }
  const parsed = storedSchema.safeParse(value)
  return parsed.success ? parsed.data : []
}

/** Masks a representative's ID number and phone exactly as the main visitor's are masked. */
export function maskRepresentative(r: StoredRepresentative): MaskedRepresentative {
  return {
    name: r.name,
    maskedIdNumber: maskIdNumber(r.idNumber),
    noIdReason: r.noIdReason,
    maskedPhone: maskPhone(r.phone),
  }
}

/** One representative in a receipt's or the 台账's words (zh-CN): 刘芳 420106********0311 138****4567. */
export function representativeLineZh(r: MaskedRepresentative): string {
  const id = r.noIdReason !== null ? zhText('receipt.noId', { reason: r.noIdReason }) : r.maskedIdNumber
  return [r.name, id, r.maskedPhone].filter((part) => part !== '').join(' ')
}

/** The representatives as one cell of the 台账: each as on the receipt, separated by ；. */
export function representativesLineZh(list: readonly MaskedRepresentative[]): string {
  return list.map(representativeLineZh).join('；')
}
