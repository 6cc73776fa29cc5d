import type { RouteObject } from 'react-router'
import { createHashRouter, useParams } from 'react-router'
import { PAGES } from './pages/shell/routes'
import type { PageHandle } from './pages/shell/routes'
import { HallScreen } from './pages/queue/HallScreen'
import { KioskPage } from './pages/queue/KioskPage'
import { VisitorView } from './pages/visitor-view/VisitorView'
import { Root } from './Root'

/** #/hall-screen and #/hall-screen/1 … 9; any other tail is the desk's own window. */
function HallScreenRoute() {
  const { screen } = useParams()
  return screen === undefined || /^\d$/.test(screen) ? <HallScreen /> : <Root />
}

const page = (handle: PageHandle, path: string): RouteObject => ({ path, handle })

/**
 * Every address of the app (hash history: #/today, #/case/WH-20261122-0001 …). The unattended
 * screens need nobody signed in; the rest go through setup, sign-in and the lock in Root, and the
 * shell shows the matched page when the user's role has it, else the role's first page.
 */
export const router = createHashRouter([
  { path: '/visitor-view', element: <VisitorView /> },
  // The unattended screens: nobody signs in there (the calls are public behind the transport).
  { path: '/kiosk', element: <KioskPage /> },
  { path: '/hall-screen/:screen?', element: <HallScreenRoute /> },
  {
    path: '/',
    element: <Root />,
    children: [...PAGES.map((p) => page({ page: p }, p)), page({ page: 'case' }, 'case/:caseNumber'), { path: '*' }],
  },
])
