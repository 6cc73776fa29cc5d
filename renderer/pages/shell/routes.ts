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

/** What a route of the signed-in shell shows (its `handle` in the router): a page, a case, or nothing known. */
export type PageHandle = { page: Page | 'case' | 'notFound' }

/** The pages a user sees in the menu: the role's, and the audit log for an admin when allowed. */
export function pagesOf(role: Role, adminReadsAudit: boolean): Page[] {
  return PAGES.filter((p) => PAGE_ROLES[p].includes(role) || (p === 'audit' && role === 'admin' && adminReadsAudit))
}

/** The page a user lands on: the first of the menu (an auditor's is the audit log). */
export function homeOf(role: Role, adminReadsAudit: boolean): Page {
  return pagesOf(role, adminReadsAudit)[0] ?? 'intake'
}
