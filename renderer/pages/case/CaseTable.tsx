import { Table, Tag, Tooltip } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseListRow } from '../../../shared/cases/types'
import { useApp } from '../../app-context'
import { formatDate } from '../../format'
import { caseHref } from './CasePage'
import { DaysLeftTag } from './ClockTag'

/**
 * One line, cut with an ellipsis; the whole text in a tooltip. In a fixed-layout table it cuts at
 * the cell's width, so the column needs no `ellipsis` (which would cut its header too: “Responsi…”).
 */
export function OneLine({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <Tooltip title={text} placement="topLeft">
      <span className="one-line">{children ?? text}</span>
    </Tooltip>
  )
}

/**
 * A list of cases (督办, search): ID numbers masked, each row opens its case. Case numbers, dates
 * and names stay on one line at 1366 wide. `ranked`: search results, kept in the order found
 * (best match first) with a column saying why each matched.
 */
export function CaseTable({ rows, testId, empty, ranked = false, loading = false }: { rows: CaseListRow[]; testId: string; empty: string; ranked?: boolean; loading?: boolean }) {
  const { t } = useTranslation()
  const { hall } = useApp()
  const columns: ColumnsType<CaseListRow> = [
    { title: t('today.caseNumber'), dataIndex: 'caseNumber', width: 168, className: 'nowrap', render: (v: string) => <a href={caseHref(v)}>{v}</a> },
    {
      title: t('history.date'),
      dataIndex: 'registeredAt',
      width: 100,
      className: 'nowrap',
      render: (v: string) => formatDate(v, hall.timeZone),
      sorter: ranked ? undefined : (a, b) => a.registeredAt.localeCompare(b.registeredAt),
    },
    { title: t('today.name'), dataIndex: 'visitorName', width: 96, render: (v: string) => <OneLine text={v} /> },
    { title: t('today.idNumber'), dataIndex: 'maskedIdNumber', width: 166, className: 'nowrap', render: (v: string) => <span style={{ fontFamily: 'monospace', fontSize: 13 }}>{v || '—'}</span> },
    { title: t('today.category'), dataIndex: 'category', render: (v: string) => <OneLine text={v} /> },
    // Search lists say why each case matched instead of the unit (shown on the case page).
    ...(ranked ? [] : [{ title: t('case.fields.unit'), dataIndex: 'unit' as const, render: (v: string | null) => (v ? <OneLine text={v} /> : '—') }]),
    {
      title: t('today.routing'),
      dataIndex: 'status',
      width: 100,
      render: (v: CaseListRow['status'], r) => (
        <span className="nowrap">
          {t(`case.status.${v}`)}
          {r.leaderName && <Tag color="gold" style={{ marginLeft: 6 }}>{r.leaderName}</Tag>}
          {r.repeatVisits > 0 && (
            <Tag color="volcano" style={{ marginLeft: 6 }} data-testid="repeat-visits">
              {t('supervision.repeatVisits')} {t('supervision.repeatCount', { count: r.repeatVisits })}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t('supervision.due'),
      dataIndex: 'dueDate',
      width: 104,
      className: 'nowrap',
      render: (v: string | null) => v ?? '—',
      sorter: ranked ? undefined : (a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'),
      defaultSortOrder: ranked ? undefined : 'ascend',
    },
    {
      title: t('supervision.daysLeft'),
      dataIndex: 'daysLeft',
      width: 100,
      className: 'nowrap',
      render: (_: unknown, r) => <DaysLeftTag daysLeft={r.daysLeft} paused={r.paused} />,
      sorter: ranked ? undefined : (a, b) => (a.daysLeft ?? 1e9) - (b.daysLeft ?? 1e9),
    },
  ]
  if (ranked) {
    columns.push({
      title: t('search.matched'),
      dataIndex: 'match',
      width: 164,
      render: (v: CaseListRow['match']) => (v ? <Tag data-testid="match-reason" style={{ marginInlineEnd: 0 }}>{t(`search.match.${v}`)}</Tag> : '—'),
    })
  }
  return (
    <Table<CaseListRow>
      rowKey="caseNumber"
      size="middle"
      data-testid={testId}
      dataSource={rows}
      loading={loading}
      tableLayout="fixed"
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: empty }}
      columns={columns}
    />
  )
}
