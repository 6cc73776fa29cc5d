import { z } from 'zod'
import { method, none } from '../rpc/method'
import { auditors } from '../rpc/roles'
import { auditListSchema } from './schemas'
import type { AuditPage, AuditVerifyResult } from './types'

/** The audit slice of the RPC contract. */
export const auditContract = {
  'audit.list': method<AuditPage>()(auditListSchema, auditors, { auditTrail: true }),
  'audit.verify': method<AuditVerifyResult>()(none, auditors, { auditTrail: true }),
  // Only the auditor opens the trail to the administrator (三员分立): never the admin themselves.
  'audit.setAdminAccess': method<{ adminReadsAudit: boolean }>()(z.strictObject({ allowed: z.boolean('v.boolean') }), auditors),
} as const
