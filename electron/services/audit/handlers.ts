import type { MethodName } from '../../../shared/rpc/contract'
import type { auditContract } from '../../../shared/audit/contract'
import type { HandlerSlice } from '../../rpc/context'
import type { AuditViewer } from './viewer'

type AuditMethod = keyof typeof auditContract & MethodName

/** The audit trail's handler entries: each one the viewer's method itself. */
export function auditHandlers(viewer: AuditViewer): HandlerSlice<AuditMethod> {
  return {
    'audit.list': viewer.list,
    'audit.verify': viewer.verify,
    'audit.setAdminAccess': viewer.setAdminAccess,
  }
}
