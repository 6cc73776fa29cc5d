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

/** What a route of the signed-in shell asks for (its `handle` in the router). */
export type PageHandle = { page: Page | 'case' }
export type Route = { page: Page } | { page: 'case'; caseNumber: string }

const CASE_NUMBER = /^[A-Z]{2,6}-\d{8}-\d{4}$/

/** The pages a user sees in the menu: the role's, and the audit log for an admin when allowed. */
export function pagesOf(role: Role, adminReadsAudit: boolean): Page[] {
  return PAGES.filter((p) => PAGE_ROLES[p].includes(role) || (p === 'audit' && role === 'admin' && adminReadsAudit))
}

/** What the user sees at a matched route: the page if the role has it, else the role's first page. */
export function shownRoute(
  handle: PageHandle | undefined,
  caseNumber: string | undefined,
  role: Role,
  adminReadsAudit = false,
): Route {
  const pages = pagesOf(role, adminReadsAudit)
  // The auditor never opens a case: only the audit pages.
  if (handle?.page === 'case' && caseNumber !== undefined && CASE_NUMBER.test(caseNumber) && role !== 'auditor') {
    return { page: 'case', caseNumber }
  }
  const page = pages.find((p) => p === handle?.page)
  return page !== undefined ? { page } : { page: pages[0] ?? 'intake' }
}
