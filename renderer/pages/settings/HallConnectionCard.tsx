import { ApiOutlined, SaveOutlined } from '@ant-design/icons'
import { Button, Card, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HallConnectionFields } from '../../../shared/hall-connection/schemas'
import { call, errorText } from '../../api/client'
import { useRpcQuery } from '../../api/queries'
import type { ConnectionOutcome } from '../hall-connection/ConnectionFields'
import { ConnectionFields, ConnectionOutcomeView, EMPTY_CONNECTION, connectionReady } from '../hall-connection/ConnectionFields'

/**
 * 大厅数据库连接 (issue #10): the hall database this desk connects to, as an administrator
 * changes it: 测试连接 first, then 保存连接; the password is kept encrypted and never shown. The
 * desk uses a saved change from its next start. (The first-run screen offers the same fields.)
 */
export function HallConnectionCard() {
  const { t } = useTranslation()
  const saved = useRpcQuery('hallConnection.get', {})
  const [fields, setFields] = useState<HallConnectionFields>(EMPTY_CONNECTION)
  const [busy, setBusy] = useState<'test' | 'save' | null>(null)
  const [outcome, setOutcome] = useState<ConnectionOutcome>(null)
  const view = saved.data

  useEffect(() => {
    if (view?.mode === 'hall') setFields({ host: view.host, port: view.port, database: view.database, user: view.user, password: '', tls: view.tls, caFile: view.caFile })
  }, [view])

  const run = async (what: 'test' | 'save') => {
    setBusy(what)
    setOutcome(null)
    const r = what === 'test' ? await call('hallConnection.test', fields) : await call('hallConnection.save', fields)
    setBusy(null)
    if (!r.ok) return setOutcome({ kind: 'refused', text: errorText(r.error) })
    if (what === 'save') {
      await saved.refetch()
      return setOutcome({ kind: 'done', text: t('hallConnection.savedOk') })
    }
    if ('serverVersion' in r.value) setOutcome({ kind: 'checked', found: r.value })
  }

  const ready = connectionReady(fields)

  return (
    <Card size="small" title={t('hallConnection.title')} style={{ marginTop: 24 }} data-testid="hall-connection-card">
      <Typography.Paragraph type="secondary">{t('hallConnection.intro')}</Typography.Paragraph>
      {view && (
        <Typography.Paragraph data-testid="hall-connection-current">
          {view.mode === 'hall' ? t('hallConnection.saved', { user: view.user, host: view.host, port: view.port, database: view.database }) : t('hallConnection.current', { mode: t('hallConnection.single') })}
          {view.mode === 'hall' && !view.active ? ` ${t('hallConnection.savedNotActive')}` : ''}
          {` ${view.storage === 'os' ? t('hallConnection.storageOs') : t('hallConnection.storageFile')}`}
        </Typography.Paragraph>
      )}
      <ConnectionFields
        fields={fields}
        onChange={(next) => {
          setFields(next)
          setOutcome(null)
        }}
        disabled={busy !== null}
        passwordExtra={view?.hasPassword ? t('hallConnection.passwordKept') : undefined}
      >
        <Space>
          <Button icon={<ApiOutlined />} loading={busy === 'test' && { delay: 300 }} disabled={!ready} onClick={() => void run('test')}>
            {t('hallConnection.test')}
          </Button>
          <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save' && { delay: 300 }} disabled={!ready} onClick={() => void run('save')}>
            {t('hallConnection.save')}
          </Button>
        </Space>
      </ConnectionFields>
      <ConnectionOutcomeView busy={busy !== null} outcome={outcome} />
    </Card>
  )
}
