import type { Role } from '../../../shared/domain'

export const PAGES = ['guide', 'intake', 'queue', 'today', 'supervision', 'search', 'reports', 'leaders', 'hallData', 'users', 'audit', 'settings'] as const
export type Page = (typeof PAGES)[number]

/** Who sees each page in the menu (the main side checks every call again). */
export const PAGE_ROLES: Record<Page, readonly Role[]> = {
  // 导引台: the guide's one page (issue #15).
  guide: ['guide'],
  queue: ['receptionist', 'duty_officer', 'admin'],
  intake: ['receptionist', 'duty_officer', 'admin'],
  today: ['receptionist', 'duty_officer', 'admin'],
  supervision: ['receptionist', 'duty_officer', 'admin'],
  search: ['receptionist', 'duty_officer', 'admin'],
  reports: ['duty_officer', 'admin'],
  leaders: ['duty_officer', 'admin'],
  hallData: ['admin'],
  users: ['admin'],
  // The administrator sees it too while the auditor allows it (hall.adminReadsAudit).
  audit: ['auditor'],
  settings: ['admin'],
}

export type Route = { page: Page } | { page: 'case'; caseNumber: string }

/** The pages a user sees in the menu: the role's, and the audit log for an admin when allowed. */
export function pagesOf(role: Role, adminReadsAudit: boolean): Page[] {
  return PAGES.filter((p) => PAGE_ROLES[p].includes(role) || (p === 'audit' && role === 'admin' && adminReadsAudit))
}

/** Reads the page from the address: #/today, #/case/WH-20261122-0001 … */
export function routeFromHash(hash: string, role: Role, adminReadsAudit = false): Route {
  const pages = pagesOf(role, adminReadsAudit)
  const path = hash.replace(/^#\//, '')
  const caseMatch = /^case\/([A-Z]{2,6}-\d{8}-\d{4})$/.exec(path)
  // The auditor never opens a case: only the audit pages.
  if (caseMatch?.[1] && role !== 'auditor') return { page: 'case', caseNumber: caseMatch[1] }
  const page = pages.find((p) => p === path)
  return page !== undefined ? { page } : { page: pages[0] ?? 'intake' }
}
