import type { Role } from '../domain'
import { CASE_ROLES } from '../domain'

// Who may call a method, shared by the contract slices.
// The auditor (审计员) works with the audit trail only, never with cases or visitors.
export const everyone = CASE_ROLES
export const auditors = ['auditor'] as const satisfies readonly Role[]
export const admins = ['admin'] as const satisfies readonly Role[]
export const officers = ['duty_officer', 'admin'] as const satisfies readonly Role[]
