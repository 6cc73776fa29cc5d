import { DownloadOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, DatePicker, Modal, Progress, Row, Space, Spin, Statistic, Table, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { isoDay } from '../../../shared/days'
import type { Period } from '../../../shared/reports/period'
import { previousWeek, statsMonth } from '../../../shared/reports/period'
import type { CountRow, Rate } from '../../../shared/reports/types'
import { hallDate } from '../../../shared/time'
import { call, errorText } from '../../api/client'
import { failureText, useRpcQuery } from '../../api/queries'
import { useApp } from '../../app-context'
import { printInBrowser } from '../receipt/print-in-browser'
import { QueueTimesCard } from './QueueTimesCard'
import { useExport } from './use-export'

function RateCard({ title, rate }: { title: string; rate: Rate }) {
  const { t } = useTranslation()
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={<span className="stat-title">{title}</span>}
        value={rate.value === null ? t('reports.noData') : (rate.value * 100).toFixed(1)}
        suffix={rate.value === null ? undefined : '%'}
      />
      <Typography.Text type="secondary">{t('reports.rateDetail', { n: rate.numerator, d: rate.denominator })}</Typography.Text>
    </Card>
  )
}

function CountTable({ title, rows }: { title: string; rows: CountRow[] }) {
  const { t } = useTranslation()
  return (
    <Card size="small" title={title}>
      <Table<CountRow>
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('reports.name'), dataIndex: 'name', render: (v: string) => v || t('reports.unassigned') },
          { title: t('reports.batches'), dataIndex: 'batches', width: 80 },
          { title: t('reports.persons'), dataIndex: 'persons', width: 80 },
        ]}
      />
    </Card>
  )
}

/** 台账与统计: the hall's numbers for any period (today included), and the exports. */
export function ReportsPage() {
  const { t } = useTranslation()
  const { hall, session, status } = useApp()
  const today = hallDate(new Date(status.now), hall.timeZone)
  const [period, setPeriod] = useState<Period>(() => statsMonth(today, hall.statsMonthStartDay))
  const statistics = useRpcQuery('reports.statistics', period, { keepPrevious: true })
  const stats = statistics.data ?? null
  const [printError, setError] = useState<string | null>(null)
  const error = failureText(statistics.error) ?? printError
  const { job, run } = useExport()
  const admin = session.role === 'admin'

  const [preparingLog, setPreparingLog] = useState(false)
  const printLog = async () => {
    setPreparingLog(true)
    const r = await call('reports.logHtml', period)
    setPreparingLog(false)
    if (r.ok) await printInBrowser(r.value.html)
    else setError(errorText(r.error))
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        // The title keeps its width (English "Log and statistics" was cut at 1366); the period's
        // controls wrap instead.
        styles={{ title: { flex: 'none' }, extra: { flex: '0 1 auto', minWidth: 0 } }}
        title={<Typography.Title level={3} style={{ margin: 0 }}>{t('reports.title')}</Typography.Title>}
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              aria-label={t('reports.period')}
              allowClear={false}
              value={[dayjs(period.from), dayjs(period.to)]}
              onChange={(v) => v?.[0] && v[1] && setPeriod({ from: isoDay(v[0].format('YYYY-MM-DD')), to: isoDay(v[1].format('YYYY-MM-DD')) })}
            />
            <Button onClick={() => setPeriod({ from: today, to: today })}>{t('reports.today')}</Button>
            <Button onClick={() => setPeriod(statsMonth(today, hall.statsMonthStartDay))}>{t('reports.month')}</Button>
            <Button onClick={() => setPeriod(previousWeek(today))}>{t('reports.lastWeek')}</Button>
            {/* A year of a big hall takes a moment to count: the figures say they are on their way. */}
            {statistics.isFetching && (
              <Space data-testid="stats-counting">
                <Spin size="small" />
                <Typography.Text type="secondary">{t('busy.counting')}</Typography.Text>
              </Space>
            )}
          </Space>
        }
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        {admin && (
          <Space wrap style={{ marginBottom: 16 }}>
            <Button type="primary" icon={<DownloadOutlined />} onClick={() => void run({ kind: 'log', format: 'xlsx', ...period })}>
              {t('reports.exportXlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void run({ kind: 'log', format: 'csv', ...period })}>
              {t('reports.exportCsv')}
            </Button>
            <Button icon={<FilePdfOutlined />} onClick={() => void run({ kind: 'log', format: 'pdf', ...period })}>
              {t('reports.exportPdf')}
            </Button>
            {/* The desktop app saves the PDF and prints it from there; the browser has its print dialog. */}
            {window.intakeDesk === undefined && (
              <Button icon={<PrinterOutlined />} loading={preparingLog} onClick={() => void printLog()}>
                {preparingLog ? t('busy.preparingLog') : t('reports.printLog')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} onClick={() => void run({ kind: 'weekly', format: 'xlsx', ...previousWeek(today) })}>
              {t('reports.weekly')}
            </Button>
          </Space>
        )}
        {stats && (
          <>
            <Row gutter={[12, 12]} data-testid="stats-cards">
              <Col span={4}>
                <Card size="small" style={{ height: '100%' }}>
                  <Statistic title={<span className="stat-title">{t('reports.batches')}</span>} value={stats.batches} />
                </Card>
              </Col>
              <Col span={4}>
                <Card size="small" style={{ height: '100%' }}>
                  <Statistic title={<span className="stat-title">{t('reports.persons')}</span>} value={stats.persons} />
                </Card>
              </Col>
              <Col span={4}>
                <RateCard title={t('reports.timelyAcceptance')} rate={stats.timelyAcceptance} />
              </Col>
              <Col span={4}>
                <RateCard title={t('reports.onTimeClosing')} rate={stats.onTimeClosing} />
              </Col>
              <Col span={4}>
                <RateCard title={t('reports.satisfaction')} rate={stats.satisfaction} />
              </Col>
              <Col span={4}>
                <RateCard title={t('reports.sameDay')} rate={stats.sameDay} />
              </Col>
            </Row>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              {t('app.labelled', { label: t('reports.repeatVisits'), value: `${t('reports.repeatByPerson')} ${stats.repeatVisits}` })} · {t('reports.repeatByMatter', { visits: stats.repeatVisitsByMatter, matters: stats.repeatMatters })} · {t('reports.definitions')}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" strong>
              {t('reports.countedBy')}
            </Typography.Paragraph>
            <Card size="small" title={t('reports.byDay')}>
              <div style={{ width: '100%', height: 260 }}>
                <ResponsiveContainer>
                  <BarChart maxBarSize={36} data={stats.byDay.map((d) => ({ ...d, label: d.day.slice(5) }))}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="label" />
                    <YAxis allowDecimals={false} />
                    <Tooltip />
                    <Legend />
                    <Bar dataKey="batches" name={t('reports.batches')} fill="#0b5cad" isAnimationActive={false} />
                    <Bar dataKey="persons" name={t('reports.persons')} fill="#f0a020" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </Card>
            <Row gutter={12} style={{ marginTop: 12 }}>
              <Col span={8}>
                <CountTable title={t('reports.byCategory')} rows={stats.byCategory} />
              </Col>
              <Col span={8}>
                <CountTable title={t('reports.byUnit')} rows={stats.byUnit} />
              </Col>
              <Col span={8}>
                <CountTable title={t('reports.byReceptionist')} rows={stats.byReceptionist} />
              </Col>
            </Row>
            <QueueTimesCard period={period} />
          </>
        )}
      </Card>
      <Modal open={job !== null} footer={null} closable={false} title={job ? t('reports.exporting', { file: job.fileName }) : ''}>
        <Progress percent={Math.round((job?.progress ?? 0) * 100)} status="active" />
      </Modal>
    </Space>
  )
}
