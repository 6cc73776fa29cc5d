import { Card, Col, Row, Select, Space, Statistic, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Category, SupervisionView, UnitRow } from '../../../shared/rpc/types'
import { call, errorText } from '../../api/client'
import { CaseTable } from '../case/CaseTable'

/** 督办: every open case by its deadline, with the counts that matter, and 一日工作法. */
export function SupervisionPage() {
  const { t } = useTranslation()
  const [view, setView] = useState<SupervisionView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [unitId, setUnitId] = useState<number | null>(null)
  const [categoryId, setCategoryId] = useState<number | null>(null)
  const [units, setUnits] = useState<UnitRow[]>([])
  const [categories, setCategories] = useState<Category[]>([])

  const load = useCallback(async () => {
    const r = await call('cases.supervision', { unitId, categoryId, today: null })
    if (r.ok) setView(r.value)
    else setError(errorText(r.error))
  }, [unitId, categoryId])
  useEffect(() => {
    void load()
  }, [load])
  useEffect(() => {
    void call('units.list', { includeRetired: false }).then((r) => r.ok && setUnits(r.value))
    void call('categories.list', {}).then((r) => r.ok && setCategories(r.value))
  }, [])

  const counts = view?.counts
  const stat = (key: 'overdue' | 'dueSoon' | 'extended' | 'paused' | 'open' | 'withRepeats', color: string) => (
    <Col span={4}>
      <Card size="small">
        <Statistic title={t(`supervision.${key}`)} value={counts?.[key] ?? 0} valueStyle={{ color }} />
      </Card>
    </Col>
  )
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
        <CaseTable rows={view?.rows ?? []} testId="supervision-table" empty={t('supervision.empty')} />
      </Card>
      <Card title={t('supervision.noPlanTitle')}>
        <CaseTable rows={view?.withoutPlan ?? []} testId="without-plan-table" empty={t('supervision.noPlanEmpty')} />
      </Card>
    </Space>
  )
}
