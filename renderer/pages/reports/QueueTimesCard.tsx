import { Card, Col, Row, Statistic, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import type { Period } from '../../../shared/reports/period'
import type { TicketKind } from '../../../shared/queue/domain'
import type { QueueTimes, RatingCounts } from '../../../shared/queue/types'
import { failureText, useRpcQuery } from '../../api/queries'

type Dimension = 'window' | 'kind' | 'day'

function TimesTable({ dimension, title, rows }: { dimension: Dimension; title: string; rows: QueueTimes[] }) {
  const { t } = useTranslation()
  const minutes = (v: number | null) => (v === null ? t('queue.stats.none') : v.toFixed(1))
  const keyLabel = (key: string) =>
    dimension === 'window' ? t('queue.stats.windowValue', { n: key }) : dimension === 'kind' ? t(`queue.kinds.${key as TicketKind}`) : key
  const count = (k: 'tickets' | 'calls' | 'skipped' | 'served') => ({ title: t(`queue.stats.${k}`), dataIndex: k, width: 64, align: 'right' as const })
  const time = (k: 'avgWaitMinutes' | 'medianWaitMinutes' | 'avgServiceMinutes' | 'medianServiceMinutes', label: string) => ({
    title: label,
    dataIndex: k,
    width: 92,
    align: 'right' as const,
    render: minutes,
  })
  const columns: ColumnsType<QueueTimes> = [
    { title: t(`queue.stats.${dimension}`), dataIndex: 'key', className: 'nowrap', render: keyLabel },
    count('tickets'),
    count('calls'),
    count('skipped'),
    count('served'),
    time('avgWaitMinutes', t('queue.stats.avgWait')),
    time('medianWaitMinutes', t('queue.stats.medianWait')),
    time('avgServiceMinutes', t('queue.stats.avgService')),
    time('medianServiceMinutes', t('queue.stats.medianService')),
  ]
  return (
    <Card size="small" title={title} data-testid={`queue-times-${dimension}`}>
      <Table<QueueTimes>
        size="small"
        rowKey="key"
        pagination={dimension === 'day' ? { pageSize: 10, hideOnSinglePage: true } : false}
        dataSource={rows}
        columns={columns}
        locale={{ emptyText: t('queue.stats.empty') }}
      />
    </Card>
  )
}

function RatingCard({ title, counts }: { title: string; counts: RatingCounts }) {
  const { t } = useTranslation()
  return (
    <Card size="small">
      <Statistic title={`${title} · ${t('queue.stats.rate')}`} value={counts.rate === null ? t('reports.noData') : (counts.rate * 100).toFixed(1)} suffix={counts.rate === null ? undefined : '%'} />
      <Typography.Text type="secondary">
        {t('queue.stats.ratingCounts', { s: counts.satisfied, b: counts.basically_satisfied, u: counts.unsatisfied })}
      </Typography.Text>
    </Card>
  )
}

/** 排队与评价: waiting and service times per window, kind and day for the period, and both ratings. */
export function QueueTimesCard({ period }: { period: Period }) {
  const { t } = useTranslation()
  const statistics = useRpcQuery('queue.statistics', period, { keepPrevious: true })
  const stats = statistics.data
  const error = failureText(statistics.error)
  return (
    <Card size="small" title={t('queue.stats.title')} style={{ marginTop: 12 }} data-testid="queue-times">
      <Typography.Paragraph type="secondary">{t('queue.stats.intro')}</Typography.Paragraph>
      {error !== null && <Typography.Text type="danger">{error}</Typography.Text>}
      {stats !== undefined && (
        <>
          <Row gutter={[12, 12]}>
            <Col span={6}>
              <RatingCard title={t('queue.stats.onsite')} counts={stats.onsite} />
            </Col>
            <Col span={6}>
              <RatingCard title={t('queue.stats.followUp')} counts={stats.followUp} />
            </Col>
          </Row>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xxl={12} span={24}>
              <TimesTable dimension="window" title={t('queue.stats.byWindow')} rows={stats.byWindow} />
            </Col>
            <Col xxl={12} span={24}>
              <TimesTable dimension="kind" title={t('queue.stats.byKind')} rows={stats.byKind} />
            </Col>
            <Col span={24}>
              <TimesTable dimension="day" title={t('queue.stats.byDay')} rows={stats.byDay} />
            </Col>
          </Row>
        </>
      )}
    </Card>
  )
}
