import { z } from 'zod'

/** How a desk talks to the hall's server: off, encrypted (sslmode=require), or encrypted and the server's certificate checked against the hall's CA (verify-full). */
export const HALL_TLS_MODES = ['off', 'require', 'verify-full'] as const
export type HallTls = (typeof HALL_TLS_MODES)[number]

const field = (max: number, key: string) => z.string('v.text').trim().min(1, key).max(max, 'v.tooLong')

/**
 * 连接大厅数据库: the hall database's fields as the IT person hands them over. The password may be
 * left empty when changing a saved connection: the saved one is kept then.
 */
export const hallConnectionFieldsSchema = z
  .strictObject({
    host: field(255, 'v.hallConnection.host').refine((h) => /^[A-Za-z0-9.:[\]_-]+$/.test(h), 'v.hallConnection.host'),
    port: z.number('v.number').int('v.hallConnection.port').min(1, 'v.hallConnection.port').max(65535, 'v.hallConnection.port'),
    database: field(63, 'v.hallConnection.database'),
    user: field(63, 'v.hallConnection.user'),
    password: z.string('v.text').max(200, 'v.tooLong'),
    tls: z.enum(HALL_TLS_MODES, 'v.hallConnection.tls'),
    /** The CA certificate file (PEM) that signed the server's certificate; needed for verify-full. */
    caFile: z.string('v.text').trim().max(1000, 'v.tooLong'),
  })
  .refine((f) => f.tls !== 'verify-full' || f.caFile !== '', { path: ['caFile'], message: 'v.hallConnection.caFile' })

export type HallConnectionFields = z.output<typeof hallConnectionFieldsSchema>

/** What the desk starts with: its own SQLite file (单机使用), or the hall's database. */
export const hallConnectionSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('single') }),
  z.strictObject({ mode: z.literal('hall'), fields: hallConnectionFieldsSchema }),
])

export type HallConnection = z.output<typeof hallConnectionSchema>

/**
 * The connection URL of the fields, each part escaped (a password may hold @, / or :). TLS in
 * libpq's meaning (node-postgres is told so with uselibpqcompat): require encrypts without
 * checking the certificate, verify-full checks it against the CA file and the host name.
 */
export function hallConnectionUrl(f: HallConnectionFields): string {
  const e = encodeURIComponent
  const host = f.host.includes(':') && !f.host.startsWith('[') ? `[${f.host}]` : f.host
  const tls =
    f.tls === 'off' ? '' : f.tls === 'require' ? '?uselibpqcompat=true&sslmode=require' : `?uselibpqcompat=true&sslmode=verify-full&sslrootcert=${e(f.caFile)}`
  return `postgres://${e(f.user)}:${e(f.password)}@${host}:${f.port}/${e(f.database)}${tls}`
}
