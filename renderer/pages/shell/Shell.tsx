import { LockOutlined, LogoutOutlined } from '@ant-design/icons'
import { Button, Layout, Menu, Space, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../api/client'
import { useApp } from '../../app-context'
import { IntakePage } from '../intake/IntakePage'
import { TodayPage } from '../today/TodayPage'
import { flushDrafts } from '../intake/draft-sync'
import { SettingsPage } from '../settings/SettingsPage'
import { UsersPage } from '../users/UsersPage'
import { LanguageSwitch } from './LanguageSwitch'
import { useIdleLock } from './use-idle-lock'

type Page = 'intake' | 'today' | 'users' | 'settings'

function pageFromHash(isAdmin: boolean): Page {
  const page = location.hash.replace(/^#\//, '')
  if (page === 'today') return 'today'
  if (page === 'users' && isAdmin) return 'users'
  if (page === 'settings' && isAdmin) return 'settings'
  return 'intake'
}

/** The signed-in frame: hall, navigation, who is at the desk, lock and sign-out. */
export function Shell() {
  const { t } = useTranslation()
  const { hall, session, refresh } = useApp()
  const isAdmin = session.role === 'admin'
  const [page, setPage] = useState<Page>(() => pageFromHash(isAdmin))

  useEffect(() => {
    const onHash = () => setPage(pageFromHash(isAdmin))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [isAdmin])

  const go = (p: Page) => {
    location.hash = `#/${p}`
    setPage(p)
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

  const items = [
    { key: 'intake', label: t('shell.nav.intake') },
    { key: 'today', label: t('shell.nav.today') },
    ...(isAdmin
      ? [
          { key: 'users', label: t('shell.nav.users') },
          { key: 'settings', label: t('shell.nav.settings') },
        ]
      : []),
  ]

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#0b3d91', paddingInline: 24 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 20, whiteSpace: 'nowrap' }}>
          {t('app.title')} · {hall.name}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[page]}
          items={items}
          onClick={(e) => go(e.key as Page)}
          style={{ flex: 1, minWidth: 0, background: 'transparent', fontSize: 17 }}
        />
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
      <Layout.Content style={{ padding: 24 }}>
        {page === 'intake' && <IntakePage />}
        {page === 'today' && <TodayPage />}
        {page === 'users' && isAdmin && <UsersPage />}
        {page === 'settings' && isAdmin && <SettingsPage />}
      </Layout.Content>
    </Layout>
  )
}
