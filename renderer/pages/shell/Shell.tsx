import { LockOutlined, LogoutOutlined } from '@ant-design/icons'
import { Button, Layout, Menu, Space, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../api/client'
import { useApp } from '../../app-context'
import { IntakePage } from '../intake/IntakePage'
import { GuidePage } from '../queue/GuidePage'
import { QueuePanel } from '../queue/QueuePanel'
import { TodayPage } from '../today/TodayPage'
import { flushDrafts } from '../intake/draft-sync'
import { SettingsPage } from '../settings/SettingsPage'
import { CasePage } from '../case/CasePage'
import { HallDataPage } from '../hall-data/HallDataPage'
import { LeadersPage } from '../leaders/LeadersPage'
import { ReportsPage } from '../reports/ReportsPage'
import { SearchPage } from '../search/SearchPage'
import { SupervisionPage } from '../supervision/SupervisionPage'
import type { Page, Route } from './routes'
import { pagesOf, routeFromHash } from './routes'
import { UsersPage } from '../users/UsersPage'
import { AuditPage } from '../audit/AuditPage'
import { LanguageSwitch } from './LanguageSwitch'
import { useIdleLock } from './use-idle-lock'

/** The signed-in frame: hall, navigation, who is at the desk, lock and sign-out. */
export function Shell() {
  const { t } = useTranslation()
  const { hall, session, refresh } = useApp()
  const role = session.role
  const adminReadsAudit = hall.adminReadsAudit
  const [route, setRoute] = useState<Route>(() => routeFromHash(location.hash, role, adminReadsAudit))

  useEffect(() => {
    const onHash = () => setRoute(routeFromHash(location.hash, role, adminReadsAudit))
    onHash()
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [role, adminReadsAudit])

  const go = (p: Page) => {
    location.hash = `#/${p}`
  }

  // What was just typed is saved before the screen locks or the user leaves.
  const lock = useCallback(() => {
    void flushDrafts()
      .then(() => call('auth.lock', {}))
      .then(refresh)
  }, [refresh])
  useIdleLock(hall.idleLockMinutes, lock)

  const signOut = async () => {
    await flushDrafts()
    await call('auth.signOut', {})
    await refresh()
  }

  const items = pagesOf(role, adminReadsAudit).map((p) => ({ key: p, label: t(`shell.nav.${p}`) }))

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#0b3d91', paddingInline: 24 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 20, whiteSpace: 'nowrap' }}>
          {t('app.title')} · {hall.name}
        </Typography.Text>
        <span style={{ flex: 1 }} />
        <Space>
          <Typography.Text style={{ color: '#dfe8f7' }} data-testid="signed-in-as">
            {t('shell.signedInAs', { name: session.name, position: session.position, badgeNo: session.badgeNo })}
          </Typography.Text>
          <Button icon={<LockOutlined />} onClick={lock}>
            {t('shell.lockNow')}
          </Button>
          <Button icon={<LogoutOutlined />} onClick={() => void signOut()}>
            {t('shell.signOut')}
          </Button>
          <span style={{ background: '#fff', borderRadius: 6 }}>
            <LanguageSwitch />
          </span>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={184} theme="light" style={{ borderRight: '1px solid #e5e8ef' }}>
          <Menu
            mode="inline"
            selectedKeys={[route.page === 'case' ? 'search' : route.page]}
            items={items}
            onClick={(e) => go(e.key as Page)}
            style={{ fontSize: 17, borderInlineEnd: 'none', paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          {route.page === 'guide' && <GuidePage />}
          {route.page === 'queue' && <QueuePanel />}
          {route.page === 'intake' && <IntakePage />}
          {route.page === 'today' && <TodayPage />}
          {route.page === 'supervision' && <SupervisionPage />}
          {route.page === 'search' && <SearchPage />}
          {route.page === 'reports' && <ReportsPage />}
          {route.page === 'leaders' && <LeadersPage />}
          {route.page === 'hallData' && <HallDataPage />}
          {route.page === 'users' && <UsersPage />}
          {route.page === 'audit' && <AuditPage />}
          {route.page === 'settings' && <SettingsPage />}
          {route.page === 'case' && <CasePage key={route.caseNumber} caseNumber={route.caseNumber} />}
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
