import { z } from 'zod'
import { isoDateSchema } from '../fields'

export const periodSchema = z
  .strictObject({ from: isoDateSchema, to: isoDateSchema })
  .refine((p) => p.from <= p.to, { message: 'v.period.order', path: ['to'] })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 3 * 366 * 86_400_000, { message: 'v.period.tooLong', path: ['to'] })

export const exportSchema = z
  .strictObject({
    kind: z.enum(['log', 'weekly'], 'v.export.kind'),
    format: z.enum(['xlsx', 'csv', 'pdf'], 'v.export.format'),
    from: isoDateSchema,
    to: isoDateSchema,
  })
  .refine((p) => p.from <= p.to, { message: 'v.period.order', path: ['to'] })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 3 * 366 * 86_400_000, { message: 'v.period.tooLong', path: ['to'] })

export const jobSchema = z.strictObject({ id: z.string('v.text').regex(/^[0-9a-f]{24}$/, 'v.export.job') })
