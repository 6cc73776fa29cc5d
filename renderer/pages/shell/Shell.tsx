import { LockOutlined, LogoutOutlined } from '@ant-design/icons'
import { Button, Layout, Menu, Space, Typography, Watermark } from 'antd'
import type { ReactNode } from 'react'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { Outlet, useMatches, useNavigate } from 'react-router'
import type { LiveEvent } from '../../../shared/live/changes'
import { call } from '../../api/client'
import { useLiveChanges } from '../../api/live'
import { useApp } from '../../app-context'
import { flushDrafts } from '../intake/draft-sync'
import type { Page, PageHandle } from './routes'
import { pagesOf } from './routes'
import { DeskLinkBadge } from './DeskLinkBadge'
import { LanguageSwitch } from './LanguageSwitch'
import { useIdleLock } from './use-idle-lock'
import { formatDate } from '../../format'

/** Screens that show visitors' personal data: each carries the user's 工号 and the date (PIPL). */
const PERSONAL_DATA_PAGES: ReadonlySet<PageHandle['page']> = new Set<PageHandle['page']>([
  'intake',
  'today',
  'supervision',
  'search',
  'reports',
  'leaders',
  'case',
])

/** A light watermark with the user's 工号 and the date over a screen with personal data (PIPL). */
function PersonalDataMark({
  show,
  badgeNo,
  timeZone,
  children,
}: {
  show: boolean
  badgeNo: string
  timeZone: string
  children: ReactNode
}) {
  const { t } = useTranslation()
  if (!show) return <>{children}</>
  return (
    <Watermark
      content={[t('security.watermark', { badgeNo }), formatDate(new Date().toISOString(), timeZone)]}
      font={{ color: 'rgba(0, 0, 0, 0.07)', fontSize: 15 }}
      gap={[160, 140]}
    >
      {children}
    </Watermark>
  )
}

/** The signed-in frame: hall, navigation, who is at the desk, lock and sign-out. */
export function Shell() {
  const { t, i18n } = useTranslation()
  const { hall, session, refresh } = useApp()
  const role = session.role
  const adminReadsAudit = hall.adminReadsAudit
  const navigate = useNavigate()
  // The matched route's handle: a menu page, a case (shown under 案件查询) or an unknown address.
  const shown = (useMatches().at(-1)?.handle as PageHandle | undefined)?.page
  const go = (p: Page) => void navigate(`/${p}`)

  // What was just typed is saved before the screen locks or the user leaves.
  const lockAs = useCallback(
    (reason: 'manual' | 'idle') => {
      void flushDrafts()
        .then(() => call('auth.lock', { reason }))
        .then(refresh)
    },
    [refresh],
  )
  const lock = useCallback(() => lockAs('manual'), [lockAs])
  const idleLock = useCallback(() => lockAs('idle'), [lockAs])
  useIdleLock(hall.idleLockMinutes, idleLock)

  // The hall's name, the idle lock and who may read the audit trail come with the app's status.
  const onLive = useCallback(
    (event: LiveEvent) => {
      if (event.kind === 'resync' || event.changes.some((c) => c.topic === 'settings' || c.topic === 'user')) void refresh()
    },
    [refresh],
  )
  useLiveChanges(onLive)

  const signOut = async () => {
    await flushDrafts()
    await call('auth.signOut', {})
    await refresh()
  }

  const items = pagesOf(role, adminReadsAudit).map((p) => ({ key: p, label: t(`shell.nav.${p}`) }))

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#0b3d91', paddingInline: 24 }}
      >
        {/* The hall's name gives way first (… with the whole name on hover) when the header is full:
            the link state while reconnecting, and who is signed in, stay whole. */}
        <Typography.Text
          strong
          title={`${t('app.title')} · ${hall.name}`}
          style={{ color: '#fff', fontSize: 20, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 }}
        >
          {t('app.title')} · {hall.name}
        </Typography.Text>
        <DeskLinkBadge />
        <span style={{ flex: 1 }} />
        <Space>
          <Typography.Text style={{ color: '#dfe8f7', whiteSpace: 'nowrap' }} data-testid="signed-in-as">
            {t('shell.signedInAs', {
              name: session.name,
              position: session.position,
              badgeNo: session.badgeNo,
            })}
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
        {/* English menu labels are longer (Units & categories): the menu widens so none is cut off. */}
        <Layout.Sider width={i18n.language === 'en' ? 224 : 184} theme="light" style={{ borderRight: '1px solid #e5e8ef' }}>
          <Menu
            mode="inline"
            selectedKeys={shown === 'case' ? ['search'] : shown === undefined ? [] : [shown]}
            items={items}
            onClick={(e) => go(e.key as Page)}
            style={{ fontSize: 17, borderInlineEnd: 'none', paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <PersonalDataMark
            show={shown !== undefined && PERSONAL_DATA_PAGES.has(shown)}
            badgeNo={session.badgeNo}
            timeZone={hall.timeZone}
          >
            <Outlet />
          </PersonalDataMark>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
