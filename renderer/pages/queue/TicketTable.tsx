import { Table, Tag } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Ticket } from '../../../shared/queue/types'
import { useApp } from '../../app-context'
import { formatDateTime } from '../../format'

/** Tickets as a table: number, kind, people, time, status; an action column when given. */
export function TicketTable({ tickets, action, testId }: { tickets: Ticket[]; action?: (t: Ticket) => ReactNode; testId: string }) {
  const { t } = useTranslation()
  const { hall } = useApp()
  return (
    <Table<Ticket>
      data-testid={testId}
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={tickets}
      locale={{ emptyText: t('queue.desk.empty') }}
      columns={[
        { title: t('queue.columns.number'), dataIndex: 'number', render: (n: string) => <b style={{ fontSize: 18 }}>{n}</b> },
        { title: t('queue.columns.kind'), dataIndex: 'kind', render: (k: Ticket['kind']) => <Tag color={k === 'priority' ? 'green' : undefined}>{t(`queue.kinds.${k}`)}</Tag> },
        { title: t('queue.columns.headcount'), dataIndex: 'headcount' },
        { title: t('queue.columns.issuedAt'), dataIndex: 'issuedAt', className: 'nowrap', render: (iso: string) => formatDateTime(iso, hall.timeZone) },
        {
          title: t('queue.columns.status'),
          dataIndex: 'status',
          render: (s: Ticket['status'], row) => (row.targetWindow !== null ? `${t(`queue.statuses.${s}`)} → ${t('queue.screen.windowLabel', { window: row.targetWindow })}` : t(`queue.statuses.${s}`)),
        },
        ...(action === undefined ? [] : [{ title: t('queue.columns.actions'), key: 'a', render: (_: unknown, row: Ticket) => action(row) }]),
      ]}
    />
  )
}
