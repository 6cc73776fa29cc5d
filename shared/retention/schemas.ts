import { z } from 'zod'
import { caseNumberSchema } from '../cases/schemas'

/** 个人信息保存期限 in months after a case is closed: at least 6, at most 30 years. */
export const RETENTION_MONTHS = { min: 6, max: 360, default: 36 } as const
/** The most cases purged in one confirmed step. */
export const PURGE_BATCH_MAX = 200

export const retentionUpdateSchema = z.strictObject({
  months: z.int('v.retention.months').min(RETENTION_MONTHS.min, 'v.retention.months').max(RETENTION_MONTHS.max, 'v.retention.months'),
})

/**
 * The second confirmation travels with the request: the number of cases the administrator
 * typed, which must be the number of cases sent.
 */
export const retentionPurgeSchema = z.strictObject({
  caseNumbers: z.array(caseNumberSchema).min(1, 'v.retention.none').max(PURGE_BATCH_MAX, 'v.retention.batch'),
  confirmCount: z.int('v.retention.confirm').min(1, 'v.retention.confirm').max(PURGE_BATCH_MAX, 'v.retention.confirm'),
})
