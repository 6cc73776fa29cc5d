import { method, none } from '../rpc/method'
import { retentionPurgeSchema, retentionUpdateSchema } from './schemas'
import type { RetentionDue, RetentionPurged } from './types'

const admins = ['admin'] as const

/**
 * 个人信息保存期限 (PIPL art. 19, 47; issue #12): how long a closed case keeps its visitor's
 * personal data, the cases past it, and their purge. Case numbers, categories, steps and the
 * statistics stay; the audit trail is never shortened.
 */
export const retentionContract = {
  'retention.due': method<RetentionDue>()(none, admins),
  'retention.update': method<RetentionDue>()(retentionUpdateSchema, admins),
  'retention.purge': method<RetentionPurged>()(retentionPurgeSchema, admins),
} as const
