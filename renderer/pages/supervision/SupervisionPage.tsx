import { Card, Col, Row, Select, Space, Statistic, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { failureText, useRpcQuery } from '../../api/queries'
import { CaseTable } from '../case/CaseTable'
import { countsUnder, type SupervisionCount } from '../../../shared/cases/supervision-filter'

/** 督办: every open case by its deadline, with the counts that matter, and 一日工作法. */
export function SupervisionPage() {
  const { t } = useTranslation()
  const [unitId, setUnitId] = useState<number | null>(null)
  const [categoryId, setCategoryId] = useState<number | null>(null)
  // A summary card clicked filters the list to its cases; 在办 (all open cases) clears the filter.
  const [only, setOnly] = useState<SupervisionCount>('open')
  const supervision = useRpcQuery('cases.supervision', { unitId, categoryId, today: null }, { keepPrevious: true })
  const view = supervision.data ?? null
  const error = failureText(supervision.error)
  const units = useRpcQuery('units.list', { includeRetired: false }).data ?? []
  const categories = useRpcQuery('categories.list', {}).data ?? []

  const counts = view?.counts
  const stat = (key: SupervisionCount, color: string) => (
    <Col flex="1 1 0">
      <Card
        size="small"
        hoverable
        role="button"
        tabIndex={0}
        aria-pressed={only === key}
        data-testid={`count-${key}`}
        onClick={() => setOnly(only === key ? 'open' : key)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault()
            setOnly(only === key ? 'open' : key)
          }
        }}
        style={only === key && key !== 'open' ? { borderColor: color, boxShadow: `0 0 0 2px ${color}33` } : undefined}
      >
        <Statistic title={t(`supervision.${key}`)} value={counts?.[key] ?? 0} valueStyle={{ color }} />
      </Card>
    </Col>
  )
  const shown = view === null ? [] : view.rows.filter((r) => countsUnder(only, r, view.today))
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<Typography.Title level={3} style={{ margin: 0 }}>{t('supervision.title')}</Typography.Title>}
        extra={
          <Space>
            <Select
              allowClear
              placeholder={t('supervision.filterUnit')}
              aria-label={t('supervision.filterUnit')}
              style={{ width: 240 }}
              value={unitId ?? undefined}
              onChange={(v: number | undefined) => setUnitId(v ?? null)}
              options={units.map((u) => ({ value: u.id, label: u.name }))}
            />
            <Select
              allowClear
              placeholder={t('supervision.filterCategory')}
              aria-label={t('supervision.filterCategory')}
              style={{ width: 240 }}
              value={categoryId ?? undefined}
              onChange={(v: number | undefined) => setCategoryId(v ?? null)}
              options={categories.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Space>
        }
      >
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
        <Row gutter={16} style={{ marginBottom: 16 }} data-testid="supervision-counts">
          {stat('overdue', '#cf1322')}
          {stat('dueSoon', '#d46b08')}
          {stat('extended', '#d48806')}
          {stat('paused', '#531dab')}
          {stat('open', '#0b5cad')}
          {stat('withRepeats', '#ad2102')}
        </Row>
        {only !== 'open' && (
          <Typography.Paragraph data-testid="supervision-filter">
            {t('supervision.showing', { what: t(`supervision.${only}`), n: shown.length })}{' '}
            <Typography.Link onClick={() => setOnly('open')}>{t('supervision.showAll')}</Typography.Link>
          </Typography.Paragraph>
        )}
        <CaseTable rows={shown} loading={supervision.isPending && error === null} testId="supervision-table" empty={t('supervision.empty')} />
      </Card>
      <Card title={t('supervision.noPlanTitle')}>
        <CaseTable rows={view?.withoutPlan ?? []} loading={supervision.isPending && error === null} testId="without-plan-table" empty={t('supervision.noPlanEmpty')} />
      </Card>
    </Space>
  )
}
