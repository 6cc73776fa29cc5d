import { Alert, Form, Input, InputNumber, Select, Space, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { HallConnectionFields, HallTls } from '../../../shared/hall-connection/schemas'
import type { HallConnectionCheck } from '../../../shared/hall-connection/types'

/** The fields as the form opens: the README's database and role names, the usual port. */
export const EMPTY_CONNECTION: HallConnectionFields = { host: '', port: 5432, database: 'intake_desk', user: 'intake_desk', password: '', tls: 'off', caFile: '' }

/** Whether 测试连接 and the button beside it may be pressed: every needed field filled in. */
export function connectionReady(f: HallConnectionFields): boolean {
  return f.host.trim() !== '' && f.database.trim() !== '' && f.user.trim() !== '' && (f.tls !== 'verify-full' || f.caFile.trim() !== '')
}

/** What the last attempt found: the server (测试连接), a refusal in the catalogue's words, or a done step. */
export type ConnectionOutcome = { kind: 'checked'; found: HallConnectionCheck } | { kind: 'done'; text: string } | { kind: 'refused'; text: string } | null

/**
 * 大厅数据库连接's fields (host, port, database, user, password, TLS and its CA file), shared by
 * the administrator's card and the first-run screen; `children` (the buttons) close the form.
 */
export function ConnectionFields({
  fields,
  onChange,
  disabled,
  passwordExtra,
  children,
}: {
  fields: HallConnectionFields
  onChange: (next: HallConnectionFields) => void
  disabled: boolean
  passwordExtra?: string | undefined
  children: ReactNode
}) {
  const { t } = useTranslation()
  const field =
    <K extends keyof HallConnectionFields>(key: K) =>
    (value: HallConnectionFields[K]) =>
      onChange({ ...fields, [key]: value })
  return (
    <Form layout="vertical" component="div" style={{ maxWidth: 760 }} disabled={disabled}>
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
        <Form.Item label={t('hallConnection.password')} htmlFor="hall-connection-password" extra={passwordExtra}>
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
      {children}
    </Form>
  )
}

/** The last attempt's outcome under the form, read out as it changes. */
export function ConnectionOutcomeView({ busy, outcome }: { busy: boolean; outcome: ConnectionOutcome }) {
  const { t } = useTranslation()
  return (
    <div style={{ marginTop: 12 }} data-testid="hall-connection-outcome" aria-live="polite">
      {busy && <Typography.Text type="secondary">{t('hallConnection.testing')}</Typography.Text>}
      {outcome?.kind === 'refused' && <Alert type="error" showIcon message={outcome.text} />}
      {outcome?.kind === 'done' && <Alert type="success" showIcon message={outcome.text} />}
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
  )
}
