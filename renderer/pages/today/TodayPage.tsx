import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons'
import { Button, Card, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TodayLogRow } from '../../../shared/intake/types'
import { failureText, useDeskLink, useRpcQuery } from '../../api/queries'
import { useApp } from '../../app-context'
import { formatTime } from '../../format'
import { ReceiptDialog } from '../receipt/ReceiptDialog'
import { caseHref } from '../case/CasePage'
import { OneLine } from '../case/CaseTable'

/** 今日台账: today's registrations, newest first. */
export function TodayPage() {
  const { t } = useTranslation()
  const { hall, session } = useApp()
  const [receiptCase, setReceiptCase] = useState<string | null>(null)
  const today = useRpcQuery('visits.today', {})
  // A hall of several desks: which window registered each case.
  const inHall = useDeskLink().data?.engine === 'postgres'
  const rows = today.data ?? null
  const error = failureText(today.error)

  const persons = (rows ?? []).reduce((n, r) => n + r.headcount, 0)
  return (
    <Card
      title={<Typography.Title level={3} style={{ margin: 0 }}>{t('today.title')}</Typography.Title>}
      extra={
        <Space>
          <Typography.Text data-testid="today-count">{t('today.count', { batches: rows?.length ?? 0, persons })}</Typography.Text>
          <Button icon={<ReloadOutlined />} loading={today.isFetching && rows !== null} onClick={() => void today.refetch()}>
            {t('today.refresh')}
          </Button>
        </Space>
      }
    >
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Table<TodayLogRow>
        rowKey="caseNumber"
        loading={today.isPending && error === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('today.empty') }}
        data-testid="today-table"
        tableLayout="fixed"
        columns={[
          { title: t('today.time'), dataIndex: 'registeredAt', width: 72, className: 'nowrap', render: (v: string) => formatTime(v, hall.timeZone) },
          { title: t('today.caseNumber'), dataIndex: 'caseNumber', width: 184, className: 'nowrap', render: (v: string) => <a href={caseHref(v)}><Typography.Text strong>{v}</Typography.Text></a> },
          {
            title: t('today.name'),
            dataIndex: 'visitorName',
           
            // A group's tag goes under the name: beside it, the narrow column left the name no room at all.
            render: (v: string, r) => (
              <>
                <OneLine text={v} />
                {r.kind === 'group' && (
                  <div>
                    <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('today.groupOf', { n: r.headcount })}</Tag>
                  </div>
                )}
              </>
            ),
          },
          { title: t('today.idNumber'), dataIndex: 'maskedIdNumber', width: 166, className: 'nowrap', render: (v: string) => <span style={{ fontFamily: 'monospace', fontSize: 13 }}>{v || '—'}</span> },
          { title: t('today.category'), dataIndex: 'category', render: (v: string) => <OneLine text={v} /> },
          { title: t('today.routing'), dataIndex: 'routing', width: 150, render: (v: TodayLogRow['routing']) => <OneLine text={t(`routing.${v}`)} /> },
          {
            title: t('today.receptionist'),
            dataIndex: 'receptionist',
            width: 136,
            // In a hall, the window under the receptionist's name: the name and the matter keep their width.
            render: (v: string, r: TodayLogRow) => (
              <>
                <OneLine text={v} />
                {inHall && r.desk !== null && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="today-desk">
                    {r.desk}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('print.title'),
            key: 'receipt',
            width: 120,
            render: (_: unknown, r) =>
              session.role !== 'receptionist' || r.receptionistId === session.userId ? (
                <Button size="small" icon={<PrinterOutlined />} onClick={() => setReceiptCase(r.caseNumber)}>
                  {t('print.title')}
                </Button>
              ) : null,
          },
        ]}
      />
      {receiptCase !== null && <ReceiptDialog caseNumber={receiptCase} open onClose={() => setReceiptCase(null)} />}
    </Card>
  )
}
