import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, DatePicker, Select, Space, Switch, Table, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEntryView, AuditVerifyResult } from '../../../shared/audit/types'
import { call, errorText } from '../../api/client'
import { failureText, useRpcQuery } from '../../api/queries'
import { useApp } from '../../app-context'
import { formatDate, formatTime } from '../../format'
import { actionLabel, auditSentence } from './audit-labels'

const PAGE_SIZE = 50

interface Filters {
  userId: number | null
  action: string | null
  from: string | null
  to: string | null
}
const NO_FILTERS: Filters = { userId: null, action: null, from: null, to: null }

/** 审计日志: who did what and when, filtered by user, action and day, and 校验 of the hash chain. */
export function AuditPage() {
  const { t } = useTranslation()
  const { hall, session, refresh } = useApp()
  const { message } = App.useApp()
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const [page, setPage] = useState(1)
  const list = useRpcQuery('audit.list', { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, { keepPrevious: true })
  const data = list.data ?? null
  const [actionError, setError] = useState<string | null>(null)
  const error = failureText(list.error) ?? actionError
  const [verifying, setVerifying] = useState(false)
  const [verified, setVerified] = useState<AuditVerifyResult | null>(null)

  const load = () => list.refetch()
  const users = data?.users ?? []

  // 三员分立: only the auditor opens the trail to the administrator, and that is audited too.
  const setAdminAccess = async (allowed: boolean) => {
    const r = await call('audit.setAdminAccess', { allowed })
    if (!r.ok) return setError(errorText(r.error))
    void message.success(t(allowed ? 'security.adminAccessOn' : 'security.adminAccessOff'))
    await refresh()
    await load()
  }

  const filter = (change: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...change }))
    setPage(1)
  }

  const verify = async () => {
    setVerifying(true)
    const r = await call('audit.verify', {})
    setVerifying(false)
    if (r.ok) setVerified(r.value)
    else setError(errorText(r.error))
    await load()
  }

  const actions = data?.actions ?? []
  const actionOptions = [
    ...(actions.some((a) => a.startsWith('case.'))
      ? [{ value: 'case.*', label: t('audit.caseAction', { step: '*' }) }]
      : []),
    ...actions.map((a) => ({ value: a, label: actionLabel(t, a) })),
  ]
  const broken = verified?.firstBrokenId ?? null

  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('audit.title')}
        </Typography.Title>
      }
      extra={
        <Space>
          {session.role === 'auditor' && (
            <span title={t('security.adminAccessHelp')}>
              <Switch
                checked={hall.adminReadsAudit}
                onChange={(v) => void setAdminAccess(v)}
                aria-label={t('security.adminAccess')}
                data-testid="admin-reads-audit"
              />{' '}
              {t('security.adminAccess')}
            </span>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('audit.refresh')}
          </Button>
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={verifying}
            onClick={() => void verify()}
          >
            {t('audit.verify')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {verified &&
          (verified.ok ? (
            <Alert
              type="success"
              showIcon
              message={t('audit.verifyOk', { n: verified.checked })}
              data-testid="audit-verify-result"
            />
          ) : (
            <Alert
              type="error"
              showIcon
              message={
                verified.firstBrokenId !== null
                  ? t('audit.verifyBroken', { id: verified.firstBrokenId })
                  : t('audit.verifyCut', {
                      n: verified.cutAtEnd?.rows ?? 0,
                      at: verified.cutAtEnd
                        ? `${formatDate(verified.cutAtEnd.anchoredAt, hall.timeZone)} ${formatTime(verified.cutAtEnd.anchoredAt, hall.timeZone)}`
                        : '',
                    })
              }
              description={t('audit.verifyBrokenHelp')}
              data-testid="audit-verify-result"
            />
          ))}
        {error && <Alert type="error" showIcon message={error} />}
        <Space wrap>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('audit.filterUser')}
            aria-label={t('audit.filterUser')}
            style={{ width: 220 }}
            value={filters.userId ?? undefined}
            onChange={(v: number | undefined) => filter({ userId: v ?? null })}
            options={users.map((u) => ({ value: u.id, label: `${u.name}（${u.badgeNo}）` }))}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('audit.filterAction')}
            aria-label={t('audit.filterAction')}
            style={{ width: 240 }}
            value={filters.action ?? undefined}
            onChange={(v: string | undefined) => filter({ action: v ?? null })}
            options={actionOptions}
          />
          <DatePicker.RangePicker
            placeholder={[t('audit.from'), t('audit.to')]}
            onChange={(_, [from, to]) =>
              filter({ from: from === '' ? null : from, to: to === '' ? null : to })
            }
          />
        </Space>
        <Table<AuditEntryView>
          rowKey="id"
          size="small"
          data-testid="audit-table"
          loading={list.isPending && error === null}
          dataSource={data?.rows ?? []}
          onRow={(r) => (r.id === broken ? { style: { background: '#fff1f0' } } : {})}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => t('audit.total', { n }),
            onChange: setPage,
          }}
          columns={[
            { title: t('audit.id'), dataIndex: 'id', width: 72 },
            {
              title: t('audit.time'),
              dataIndex: 'at',
              width: 170,
              render: (v: string) => `${formatDate(v, hall.timeZone)} ${formatTime(v, hall.timeZone, true)}`,
            },
            {
              title: t('audit.sentence'),
              render: (_: unknown, r) => {
                const { sentence, details } = auditSentence(t, r)
                return (
                  <Space direction="vertical" size={0}>
                    <Typography.Text data-testid="audit-sentence" title={r.action}>
                      {sentence}
                    </Typography.Text>
                    <Typography.Text type="secondary" data-testid="audit-details" title={r.detail} style={{ fontSize: 13, wordBreak: 'break-word' }}>
                      {details}
                    </Typography.Text>
                  </Space>
                )
              },
            },
          ]}
        />
      </Space>
    </Card>
  )
}
