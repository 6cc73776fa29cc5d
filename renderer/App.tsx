import { QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppStatus } from '../shared/app/types'
import { call, onSessionChange } from './api/client'
import { queryClient } from './api/queries'
import { AppContext } from './app-context'
import { LockScreen } from './pages/lock/LockScreen'
import { Shell } from './pages/shell/Shell'
import { SetupPage } from './pages/setup/SetupPage'
import { ChangePasswordPage } from './pages/sign-in/ChangePasswordPage'
import { SignInPage } from './pages/sign-in/SignInPage'
import { VisitorView } from './pages/visitor-view/VisitorView'
import { HallScreen } from './pages/queue/HallScreen'
import { KioskPage } from './pages/queue/KioskPage'
import { englishTheme, theme } from './theme'

function Root() {
  const { t } = useTranslation()
  const [status, setStatus] = useState<AppStatus | null>(null)
  const [offline, setOffline] = useState(false)

  const refresh = useCallback(async () => {
    const result = await call('app.status', {})
    if (result.ok) {
      setStatus(result.value)
      setOffline(false)
    } else {
      setOffline(true)
    }
  }, [])

  useEffect(() => {
    void refresh()
    return onSessionChange(() => void refresh())
  }, [refresh])

  // What one user read is not shown to the next one who signs in at this window.
  const userId = status?.session?.userId ?? null
  useEffect(() => {
    queryClient.clear()
  }, [userId])

  useEffect(() => {
    document.title = status?.hall ? `${t('app.title')} · ${status.hall.name}` : t('app.title')
  }, [status, t])

  if (offline) {
    return (
      <Result
        status="warning"
        title={t('app.offline')}
        extra={
          <Button type="primary" onClick={() => void refresh()}>
            {t('app.retry')}
          </Button>
        }
      />
    )
  }
  if (status === null) return <Spin fullscreen tip={t('app.loading')} />
  if (!status.setUp || status.hall === null) return <SetupPage onDone={refresh} defaultBackupFolder={status.defaultBackupFolder ?? ''} />
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

export function App() {
  const { i18n } = useTranslation()
  const visitorView = location.hash === '#/visitor-view'
  // The unattended screens: nobody signs in there (the calls are public behind the transport).
  const kiosk = location.hash === '#/kiosk'
  const hallScreen = /^#\/hall-screen(\/\d)?$/.test(location.hash)
  return (
    // autoInsertSpace off: the buttons read 登录 and 登记, as the hall calls them, not 登 录.
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={i18n.language === 'en' ? englishTheme : theme} button={{ autoInsertSpace: false }}>
      <QueryClientProvider client={queryClient}>
        <AntApp>{visitorView ? <VisitorView /> : kiosk ? <KioskPage /> : hallScreen ? <HallScreen /> : <Root />}</AntApp>
      </QueryClientProvider>
    </ConfigProvider>
  )
}
