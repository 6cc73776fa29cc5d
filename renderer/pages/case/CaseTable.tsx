import { Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CaseListRow } from '../../../shared/rpc/types'
import { useApp } from '../../app-context'
import { formatDate } from '../../format'
import { caseHref } from './CasePage'
import { DaysLeftTag } from './ClockTag'

/** A list of cases (督办, search): ID numbers masked, each row opens its case. */
export function CaseTable({ rows, testId, empty }: { rows: CaseListRow[]; testId: string; empty: string }) {
  const { t } = useTranslation()
  const { hall } = useApp()
  return (
    <Table<CaseListRow>
      rowKey="caseNumber"
      size="middle"
      data-testid={testId}
      dataSource={rows}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: empty }}
      columns={[
        { title: t('today.caseNumber'), dataIndex: 'caseNumber', render: (v: string) => <a href={caseHref(v)}>{v}</a> },
        { title: t('history.date'), dataIndex: 'registeredAt', render: (v: string) => formatDate(v, hall.timeZone), sorter: (a, b) => a.registeredAt.localeCompare(b.registeredAt) },
        { title: t('today.name'), dataIndex: 'visitorName' },
        { title: t('today.idNumber'), dataIndex: 'maskedIdNumber', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v || '—'}</span> },
        { title: t('today.category'), dataIndex: 'category' },
        { title: t('case.fields.unit'), dataIndex: 'unit', render: (v: string | null) => v ?? '—' },
        {
          title: t('today.routing'),
          dataIndex: 'status',
          render: (v: string, r) => (
            <>
              {t(`case.status.${v}`)}
              {r.leaderName && <Tag color="gold" style={{ marginLeft: 6 }}>{r.leaderName}</Tag>}
              {r.repeatVisits > 0 && (
                <Tag color="volcano" style={{ marginLeft: 6 }} data-testid="repeat-visits">
                  {t('supervision.repeatVisits')} {t('supervision.repeatCount', { count: r.repeatVisits })}
                </Tag>
              )}
            </>
          ),
        },
        {
          title: t('supervision.due'),
          dataIndex: 'dueDate',
          render: (v: string | null) => v ?? '—',
          sorter: (a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'),
          defaultSortOrder: 'ascend',
        },
        {
          title: t('supervision.daysLeft'),
          dataIndex: 'daysLeft',
          render: (_: unknown, r) => <DaysLeftTag daysLeft={r.daysLeft} paused={r.paused} />,
          sorter: (a, b) => (a.daysLeft ?? 1e9) - (b.daysLeft ?? 1e9),
        },
      ]}
    />
  )
}
