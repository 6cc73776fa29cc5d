import type { ReactNode } from 'react'
import type { RouteObject } from 'react-router'
import { Navigate, createHashRouter, useParams } from 'react-router'
import { parseCaseNumber } from '../shared/case-number'
import { useApp } from './app-context'
import { AuditPage } from './pages/audit/AuditPage'
import { CasePage } from './pages/case/CasePage'
import { HallDataPage } from './pages/hall-data/HallDataPage'
import { IntakePage } from './pages/intake/IntakePage'
import { LeadersPage } from './pages/leaders/LeadersPage'
import { GuidePage } from './pages/queue/GuidePage'
import { HallScreen } from './pages/queue/HallScreen'
import { KioskPage } from './pages/queue/KioskPage'
import { QueuePanel } from './pages/queue/QueuePanel'
import { ReportsPage } from './pages/reports/ReportsPage'
import { SearchPage } from './pages/search/SearchPage'
import { SettingsPage } from './pages/settings/SettingsPage'
import { NotFoundPage } from './pages/shell/NotFoundPage'
import type { Page, PageHandle } from './pages/shell/routes'
import { PAGES, homeOf, pagesOf } from './pages/shell/routes'
import { SupervisionPage } from './pages/supervision/SupervisionPage'
import { TodayPage } from './pages/today/TodayPage'
import { UsersPage } from './pages/users/UsersPage'
import { VisitorView } from './pages/visitor-view/VisitorView'
import { Root } from './Root'

/** The page behind each menu entry. */
const PAGE_VIEWS: Record<Page, ReactNode> = {
  guide: <GuidePage />,
  queue: <QueuePanel />,
  intake: <IntakePage />,
  today: <TodayPage />,
  supervision: <SupervisionPage />,
  search: <SearchPage />,
  reports: <ReportsPage />,
  leaders: <LeadersPage />,
  hallData: <HallDataPage />,
  users: <UsersPage />,
  audit: <AuditPage />,
  settings: <SettingsPage />,
}

/** The user's first page, in place of the address (history replaced, so 后退 does not come back here). */
function ToHome() {
  const { hall, session } = useApp()
  return <Navigate to={`/${homeOf(session.role, hall.adminReadsAudit)}`} replace />
}

/** A menu page, for a role that has it; another role lands on its own first page. */
function PageRoute({ page }: { page: Page }) {
  const { hall, session } = useApp()
  return pagesOf(session.role, hall.adminReadsAudit).includes(page) ? PAGE_VIEWS[page] : <ToHome />
}

/** #/case/WH-20261122-0001: the case page, a new one for each case; the auditor never opens a case. */
function CaseRoute() {
  const { session } = useApp()
  const { caseNumber = '' } = useParams()
  if (parseCaseNumber(caseNumber) === null) return <NotFoundPage />
  if (session.role === 'auditor') return <ToHome />
  return <CasePage key={caseNumber} caseNumber={caseNumber} />
}

const handle = (page: PageHandle['page']): PageHandle => ({ page })

/**
 * Every address of the app, in hash history (#/today, #/case/WH-20261122-0001 …), made once when
 * the renderer loads. The unattended screens need nobody signed in; the desk's own window goes
 * through setup, sign-in and the lock in Root, whose shell shows the matched page in its frame.
 */
export const router = createHashRouter([
  { path: '/visitor-view', element: <VisitorView /> },
  // The unattended screens: nobody signs in there (the calls are public behind the transport).
  { path: '/kiosk', element: <KioskPage /> },
  // #/hall-screen/2 asks the main side for the second display; the screen itself is the same.
  { path: '/hall-screen/:display?', element: <HallScreen /> },
  {
    path: '/',
    element: <Root />,
    children: [
      { index: true, element: <ToHome /> },
      ...PAGES.map((page): RouteObject => ({ path: page, handle: handle(page), element: <PageRoute page={page} /> })),
      { path: 'case/:caseNumber', handle: handle('case'), element: <CaseRoute /> },
      { path: '*', handle: handle('notFound'), element: <NotFoundPage /> },
    ],
  },
])
