import { CloudServerOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Form, Input, InputNumber, Progress, Radio, Select, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { hallMoveStartSchema } from '../../../shared/hall-move/schemas'
import type { HallMoveJob, HallMoveTable } from '../../../shared/hall-move/types'
import type { HallDatabaseFields } from '../../../shared/hall-move/url'
import { deskDatabaseUrl, hallDatabaseUrl, redactedHallUrl } from '../../../shared/hall-move/url'
import { errorText } from '../../api/client'
import { failureText } from '../../api/queries'
import { useHallMove } from './use-hall-move'

const EMPTY_FIELDS: HallDatabaseFields = { host: '', port: 5432, database: 'intake_desk', user: 'intake_desk_owner', password: '', tls: 'off' }

/**
 * 迁移到大厅数据库 (issue #10): an administrator of a single desk moves its hall into an empty
 * PostgreSQL database, follows the copy and its checks, and is told what to do next. Not shown
 * on a desk that already works on the hall database.
 */
export function HallMoveCard() {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const move = useHallMove()
  const [by, setBy] = useState<'url' | 'fields'>('url')
  const [url, setUrl] = useState('')
  const [fields, setFields] = useState<HallDatabaseFields>(EMPTY_FIELDS)
  const target = by === 'url' ? url.trim() : hallDatabaseUrl(fields)
  const valid = hallMoveStartSchema.safeParse({ url: target }).success
  const field = <K extends keyof HallDatabaseFields>(key: K) => (value: HallDatabaseFields[K]) => setFields((f) => ({ ...f, [key]: value }))

  if (move.engine !== 'sqlite') return null

  const confirm = () =>
    modal.confirm({
      title: t('hallMove.confirmTitle', { target: redactedHallUrl(target) }),
      content: t('hallMove.confirmBody'),
      okText: t('hallMove.confirm'),
      cancelText: t('intake.cancel'),
      onOk: () => move.begin(target),
    })

  return (
    <Card size="small" title={t('hallMove.title')} style={{ marginTop: 24 }} data-testid="hall-move-card">
      <Typography.Paragraph type="secondary">{t('hallMove.intro')}</Typography.Paragraph>
      <Alert type="warning" showIcon message={t('hallMove.before')} style={{ marginBottom: 12 }} />
      <Form layout="vertical" component="div" style={{ maxWidth: 640 }} disabled={move.running}>
        <Form.Item label={t('hallMove.by')}>
          <Radio.Group value={by} onChange={(e) => setBy(e.target.value as 'url' | 'fields')} optionType="button">
            <Radio.Button value="url">{t('hallMove.byUrl')}</Radio.Button>
            <Radio.Button value="fields">{t('hallMove.byFields')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {by === 'url' ? (
          <Form.Item label={t('hallMove.url')} htmlFor="hall-move-url" extra={t('hallMove.urlHelp')}>
            <Input.Password id="hall-move-url" value={url} onChange={(e) => setUrl(e.target.value)} visibilityToggle autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        ) : (
          <Space wrap align="start">
            <Form.Item label={t('hallMove.host')} htmlFor="hall-move-host">
              <Input id="hall-move-host" value={fields.host} onChange={(e) => field('host')(e.target.value)} style={{ width: 200 }} spellCheck={false} />
            </Form.Item>
            <Form.Item label={t('hallMove.port')} htmlFor="hall-move-port">
              <InputNumber<number> id="hall-move-port" value={fields.port} onChange={(v) => field('port')(v ?? 5432)} min={1} max={65535} precision={0} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item label={t('hallMove.database')} htmlFor="hall-move-database">
              <Input id="hall-move-database" value={fields.database} onChange={(e) => field('database')(e.target.value)} style={{ width: 160 }} spellCheck={false} />
            </Form.Item>
            <Form.Item label={t('hallMove.user')} htmlFor="hall-move-user">
              <Input id="hall-move-user" value={fields.user} onChange={(e) => field('user')(e.target.value)} style={{ width: 180 }} spellCheck={false} />
            </Form.Item>
            <Form.Item label={t('hallMove.password')} htmlFor="hall-move-password">
              <Input.Password id="hall-move-password" value={fields.password} onChange={(e) => field('password')(e.target.value)} style={{ width: 180 }} autoComplete="off" />
            </Form.Item>
            <Form.Item label={t('hallMove.tls')} htmlFor="hall-move-tls">
              <Select<'off' | 'require'>
                id="hall-move-tls"
                value={fields.tls}
                onChange={field('tls')}
                style={{ width: 220 }}
                options={[
                  { value: 'off', label: t('hallMove.tlsOff') },
                  { value: 'require', label: t('hallMove.tlsRequire') },
                ]}
              />
            </Form.Item>
          </Space>
        )}
        <Button type="primary" icon={<CloudServerOutlined />} onClick={confirm} disabled={!valid || move.running} loading={move.starting}>
          {t('hallMove.start')}
        </Button>
      </Form>
      {move.refused !== null && <Alert type="error" showIcon role="alert" message={failureText(move.refused)} style={{ marginTop: 12 }} data-testid="hall-move-refused" />}
      {move.job !== null && <MoveProgress job={move.job} />}
    </Card>
  )
}

/** The move as it goes, its checks, and the next steps or why nothing was written. */
function MoveProgress({ job }: { job: HallMoveJob }) {
  const { t } = useTranslation()
  const v = job.verification
  const running = job.phase === 'copying' || job.phase === 'verifying'
  const yesNo = (same: boolean) => (same ? t('hallMove.sameYes') : t('hallMove.sameNo'))
  return (
    <div style={{ marginTop: 16 }} data-testid="hall-move-job" data-phase={job.phase}>
      <Progress percent={Math.round(job.progress * 100)} status={job.phase === 'failed' ? 'exception' : job.phase === 'done' ? 'success' : 'active'} />
      {running && <Typography.Paragraph>{t(job.phase === 'verifying' ? 'hallMove.verifying' : 'hallMove.copying', { table: job.table ?? '', rows: job.rows, total: job.totalRows })}</Typography.Paragraph>}
      {job.phase === 'failed' && (
        <Alert type="error" showIcon role="alert" message={t('hallMove.failed')} description={job.error === null ? null : errorText({ code: 'CONFLICT', ...job.error })} style={{ marginBottom: 12 }} />
      )}
      {job.phase === 'done' && <Alert type="success" showIcon message={t('hallMove.done')} style={{ marginBottom: 12 }} />}
      {job.phase === 'done' && (
        <div data-testid="hall-move-next">
          <Typography.Title level={5}>{t('hallMove.nextTitle')}</Typography.Title>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t('hallMove.nextStop')}</Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t('hallMove.nextStart')}</Typography.Paragraph>
          <Typography.Paragraph>
            <Typography.Text code copyable>{t('hallMove.nextCommand', { url: deskDatabaseUrl(job.target) })}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t('hallMove.nextKey')}</Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t('hallMove.nextGrants')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('hallMove.nextFile')}</Typography.Paragraph>
        </div>
      )}
      {v !== null && (
        <>
          <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="hall-move-summary">
            {t('hallMove.tables', { count: v.tables.length, same: v.tables.filter((x) => x.same).length, differ: v.tables.filter((x) => !x.same).length })}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t('hallMove.cases', { count: v.tables.find((x) => x.table === 'visits')?.source ?? 0, digest: v.casesDigest.slice(0, 16), result: yesNo(v.casesSame) })}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t('hallMove.index', { indexed: v.indexed, expected: v.indexExpected })}</Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t('hallMove.audit', { checked: v.auditChecked, result: v.auditIntact ? t('hallMove.auditOk') : t('hallMove.auditBad') })}</Typography.Paragraph>
          {v.auditBrokenInFile !== null && <Alert type="warning" showIcon message={t('hallMove.auditBrokenInFile', { id: v.auditBrokenInFile })} style={{ marginBottom: 8 }} />}
          {v.lastCaseNumber !== null && <Typography.Paragraph>{t('hallMove.lastCase', { caseNumber: v.lastCaseNumber })}</Typography.Paragraph>}
          <Table<HallMoveTable>
            size="small"
            rowKey="table"
            dataSource={v.tables}
            pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
            data-testid="hall-move-tables"
            style={{ maxWidth: 640 }}
            columns={[
              { title: t('hallMove.table'), dataIndex: 'table', render: (name: string) => <span style={{ fontFamily: 'monospace' }}>{name}</span> },
              { title: t('hallMove.source'), dataIndex: 'source', align: 'right', width: 110 },
              { title: t('hallMove.target'), dataIndex: 'target', align: 'right', width: 110 },
              { title: t('hallMove.same'), dataIndex: 'same', width: 90, render: (same: boolean) => <Typography.Text type={same ? 'success' : 'danger'}>{yesNo(same)}</Typography.Text> },
            ]}
          />
        </>
      )}
    </div>
  )
}
