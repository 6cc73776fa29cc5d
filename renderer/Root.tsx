import { Button, Result, Spin } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppStatus } from '../shared/app/types'
import { call, onSessionChange } from './api/client'
import { queryClient } from './api/queries'
import { AppContext } from './app-context'
import { LockScreen } from './pages/lock/LockScreen'
import { Shell } from './pages/shell/Shell'
import { FirstRunPage } from './pages/setup/FirstRunPage'
import { SetupPage } from './pages/setup/SetupPage'
import { ChangePasswordPage } from './pages/sign-in/ChangePasswordPage'
import { SignInPage } from './pages/sign-in/SignInPage'

/** How often an unreachable desk service or hall database is tried again. */
const OFFLINE_RETRY_MS = 3000

/** The desk's own window: setup, sign-in, password change and the lock before the shell. */
export function Root() {
  const { t } = useTranslation()
  const [status, setStatus] = useState<AppStatus | null>(null)
  // Why the status could not be read: this desk's own service, or the hall's database behind it.
  const [offline, setOffline] = useState<'desk' | 'hall' | null>(null)
  // The first-run choice made: 单机使用 goes on to setup on this PC's own file.
  const [single, setSingle] = useState(false)

  // Whose reads the query cache holds (undefined until the first status).
  const cachedFor = useRef<number | null | undefined>(undefined)

  const refresh = useCallback(async () => {
    const result = await call('app.status', {})
    if (result.ok) {
      // What one user read is not shown to the next one who signs in at this window. The cache is
      // emptied here, before the new user's first page renders. Emptied in an effect after that
      // render (effects run children first), it removed the page's first read while in flight,
      // TanStack Query dropped the answer (a removed query is cancelled silently), and a page
      // opened by its address at sign-in (#/case/…) kept its spinner.
      const userId = result.value.session?.userId ?? null
      if (userId !== cachedFor.current) {
        queryClient.clear()
        cachedFor.current = userId
      }
      setStatus(result.value)
      setOffline(null)
    } else {
      setOffline(result.error.code === 'HALL_UNAVAILABLE' ? 'hall' : 'desk')
    }
  }, [])

  useEffect(() => {
    void refresh()
    return onSessionChange(() => void refresh())
  }, [refresh])

  // Unreachable: tried again by itself, so the desk comes back when the service or the server does.
  useEffect(() => {
    if (offline === null) return
    const timer = setInterval(() => void refresh(), OFFLINE_RETRY_MS)
    return () => clearInterval(timer)
  }, [offline, refresh])

  useEffect(() => {
    document.title = status?.hall ? `${t('app.title')} · ${status.hall.name}` : t('app.title')
  }, [status, t])

  if (offline !== null) {
    return (
      <Result
        status="warning"
        title={t(offline === 'hall' ? 'app.hallOffline' : 'app.offline')}
        subTitle={t('app.retryingByItself')}
        extra={
          <Button type="primary" onClick={() => void refresh()}>
            {t('app.retry')}
          </Button>
        }
      />
    )
  }
  if (status === null) return <Spin fullscreen tip={t('app.loading')} />
  if (!status.setUp || status.hall === null) {
    // Before setup, where the host offers it: 单机使用 or 连接大厅数据库 (the join re-reads the status).
    if (status.firstRunChoice && !single) return <FirstRunPage onSingle={() => setSingle(true)} onJoined={refresh} />
    return <SetupPage onDone={refresh} defaultBackupFolder={status.defaultBackupFolder ?? ''} {...(status.firstRunChoice ? { onBack: () => setSingle(false) } : {})} />
  }
  const { session, hall } = status
  if (session === null) return <SignInPage hall={hall} onDone={refresh} />
  if (session.mustChangePassword) return <ChangePasswordPage session={session} onDone={refresh} />
  if (session.locked) return <LockScreen session={session} onDone={refresh} />
  return (
    <AppContext.Provider value={{ status, hall, session, refresh }}>
      <Shell />
    </AppContext.Provider>
  )
}
