import { ApiOutlined, SaveOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HallConnectionFields, HallTls } from '../../../shared/hall-connection/schemas'
import type { HallConnectionCheck } from '../../../shared/hall-connection/types'
import { call, errorText } from '../../api/client'
import { useRpcQuery } from '../../api/queries'

const EMPTY: HallConnectionFields = { host: '', port: 5432, database: 'intake_desk', user: 'intake_desk', password: '', tls: 'off', caFile: '' }

type Outcome = { kind: 'checked'; found: HallConnectionCheck } | { kind: 'saved' } | { kind: 'refused'; text: string } | null

/**
 * 大厅数据库连接 (issue #10): the hall database this desk connects to, as an administrator
 * changes it: 测试连接 first, then 保存连接; the password is kept encrypted and never shown. The
 * desk uses a saved change from its next start. (The Electron first-run screen offers the same.)
 */
export function HallConnectionCard() {
  const { t } = useTranslation()
  const saved = useRpcQuery('hallConnection.get', {})
  const [fields, setFields] = useState<HallConnectionFields>(EMPTY)
  const [busy, setBusy] = useState<'test' | 'save' | null>(null)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const view = saved.data

  useEffect(() => {
    if (view?.mode === 'hall') setFields({ host: view.host, port: view.port, database: view.database, user: view.user, password: '', tls: view.tls, caFile: view.caFile })
  }, [view])

  const field = <K extends keyof HallConnectionFields>(key: K) => (value: HallConnectionFields[K]) => {
    setFields((f) => ({ ...f, [key]: value }))
    setOutcome(null)
  }

  const run = async (what: 'test' | 'save') => {
    setBusy(what)
    setOutcome(null)
    const r = what === 'test' ? await call('hallConnection.test', fields) : await call('hallConnection.save', fields)
    setBusy(null)
    if (!r.ok) return setOutcome({ kind: 'refused', text: errorText(r.error) })
    if (what === 'save') {
      await saved.refetch()
      return setOutcome({ kind: 'saved' })
    }
    setOutcome({ kind: 'checked', found: r.value as HallConnectionCheck })
  }

  const ready = fields.host.trim() !== '' && fields.database.trim() !== '' && fields.user.trim() !== '' && (fields.tls !== 'verify-full' || fields.caFile.trim() !== '')

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
      <Form layout="vertical" component="div" style={{ maxWidth: 720 }} disabled={busy !== null}>
        <Space wrap align="start">
          <Form.Item label={t('hallConnection.host')} htmlFor="hall-connection-host">
            <Input id="hall-connection-host" value={fields.host} onChange={(e) => field('host')(e.target.value)} style={{ width: 220 }} spellCheck={false} />
          </Form.Item>
          <Form.Item label={t('hallConnection.port')} htmlFor="hall-connection-port">
            <InputNumber id="hall-connection-port" value={fields.port} min={1} max={65535} precision={0} onChange={(v) => field('port')(v ?? 5432)} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label={t('hallConnection.database')} htmlFor="hall-connection-database">
            <Input id="hall-connection-database" value={fields.database} onChange={(e) => field('database')(e.target.value)} style={{ width: 200 }} spellCheck={false} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item label={t('hallConnection.user')} htmlFor="hall-connection-user">
            <Input id="hall-connection-user" value={fields.user} onChange={(e) => field('user')(e.target.value)} style={{ width: 220 }} spellCheck={false} />
          </Form.Item>
          <Form.Item label={t('hallConnection.password')} htmlFor="hall-connection-password" extra={view?.hasPassword ? t('hallConnection.passwordKept') : undefined}>
            <Input.Password id="hall-connection-password" value={fields.password} onChange={(e) => field('password')(e.target.value)} autoComplete="off" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item label={t('hallConnection.tls')} htmlFor="hall-connection-tls">
            <Select<HallTls>
              id="hall-connection-tls"
              value={fields.tls}
              onChange={field('tls')}
              style={{ width: 300 }}
              options={[
                { value: 'off', label: t('hallConnection.tlsOff') },
                { value: 'require', label: t('hallConnection.tlsRequire') },
                { value: 'verify-full', label: t('hallConnection.tlsVerifyFull') },
              ]}
            />
          </Form.Item>
        </Space>
        {fields.tls === 'verify-full' && (
          <Form.Item label={t('hallConnection.caFile')} htmlFor="hall-connection-ca" extra={t('hallConnection.caFileHelp')}>
            <Input id="hall-connection-ca" value={fields.caFile} onChange={(e) => field('caFile')(e.target.value)} style={{ width: 520 }} spellCheck={false} />
          </Form.Item>
        )}
        <Space>
          <Button icon={<ApiOutlined />} loading={busy === 'test'} disabled={!ready} onClick={() => void run('test')}>
            {t('hallConnection.test')}
          </Button>
          <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} disabled={!ready} onClick={() => void run('save')}>
            {t('hallConnection.save')}
          </Button>
        </Space>
      </Form>
      <div style={{ marginTop: 12 }} data-testid="hall-connection-outcome" aria-live="polite">
        {busy !== null && <Typography.Text type="secondary">{t('hallConnection.testing')}</Typography.Text>}
        {outcome?.kind === 'refused' && <Alert type="error" showIcon message={outcome.text} />}
        {outcome?.kind === 'saved' && <Alert type="success" showIcon message={t('hallConnection.savedOk')} />}
        {outcome?.kind === 'checked' && (
          <Alert
            type="success"
            showIcon
            message={t('hallConnection.ok', { version: outcome.found.serverVersion, encoding: outcome.found.encoding, ctype: outcome.found.ctype })}
            description={
              outcome.found.schemaVersion === 0
                ? t('hallConnection.okEmpty')
                : t('hallConnection.okHall', { hall: outcome.found.hall ?? '—', found: outcome.found.schemaVersion, supported: outcome.found.appSchemaVersion })
            }
          />
        )}
      </div>
    </Card>
  )
}
