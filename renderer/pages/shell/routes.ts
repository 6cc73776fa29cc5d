import type { Role } from '../../../shared/domain'

export const PAGES = ['intake', 'today', 'supervision', 'search', 'reports', 'leaders', 'hallData', 'users', 'audit', 'settings'] as const
export type Page = (typeof PAGES)[number]

/** Who sees each page in the menu (the main side checks every call again). */
export const PAGE_ROLES: Record<Page, readonly Role[]> = {
  intake: ['receptionist', 'duty_officer', 'admin'],
  today: ['receptionist', 'duty_officer', 'admin'],
  supervision: ['receptionist', 'duty_officer', 'admin'],
  search: ['receptionist', 'duty_officer', 'admin'],
  reports: ['duty_officer', 'admin'],
  leaders: ['duty_officer', 'admin'],
  hallData: ['admin'],
  users: ['admin'],
  audit: ['admin'],
  settings: ['admin'],
}

export type Route = { page: Page } | { page: 'case'; caseNumber: string }

/** Reads the page from the address: #/today, #/case/WH-20261122-0001 … */
export function routeFromHash(hash: string, role: Role): Route {
  const path = hash.replace(/^#\//, '')
  const caseMatch = /^case\/([A-Z]{2,6}-\d{8}-\d{4})$/.exec(path)
  if (caseMatch?.[1]) return { page: 'case', caseNumber: caseMatch[1] }
  const page = PAGES.find((p) => p === path)
  return page !== undefined && PAGE_ROLES[page].includes(role) ? { page } : { page: 'intake' }
}
