import { EyeOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, Descriptions, Empty, Row, Space, Spin, Table, Tag, Timeline, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClockKey } from '../../../shared/cases/clocks'
import type { CaseAction, CaseStatus, Satisfaction } from '../../../shared/cases/machine'
import type { zhCN } from '../../../shared/i18n/zh-CN'
import type { PrintRecord } from '../../../shared/receipts/types'
import { ANSWER_KEYS } from '../../../shared/domain'
import { failureText, queryClient, rpcKey, useRpcQuery } from '../../api/queries'
import { useApp } from '../../app-context'
import { formatDateTime } from '../../format'
import { ActionDialog } from './ActionDialog'
import { ClockTag } from './ClockTag'
import { NoticesCard } from './NoticesCard'
import { RevealDialog } from './RevealDialog'

export const caseHref = (caseNumber: string) => `#/case/${caseNumber}`

/** What a timeline entry records: a step, or the registration and repeat visits around them. */
type EventAction = keyof typeof zhCN.case.actions

/** 案件详情: visitor, the five answers, routing, clocks, timeline, prints and other visits. */
export function CasePage({ caseNumber }: { caseNumber: string }) {
  const { t } = useTranslation()
  const { hall, session } = useApp()
  const { message } = App.useApp()
  const query = useRpcQuery('cases.get', { caseNumber })
  const detail = query.data ?? null
  const error = failureText(query.error)
  const [action, setAction] = useState<CaseAction | null>(null)
  const [identity, setIdentity] = useState<string | null>(null)
  const [asking, setAsking] = useState(false)

  // A case once shown stays on screen if a later refresh fails; the error shows only without it.
  if (error && detail === null) return <Alert type="error" showIcon message={error} />
  if (detail === null) return <Spin />
  const tz = hall.timeZone
  const officer = session.role !== 'receptionist'

  const shown = (v: { idNumber: string | null; phone: string | null }) => {
    setAsking(false)
    setIdentity([v.idNumber, v.phone].filter(Boolean).join(' · '))
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="case-page">
      {asking && <RevealDialog caseNumber={caseNumber} onShown={shown} onClose={() => setAsking(false)} />}
      <Card>
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {detail.caseNumber}
          </Typography.Title>
          <Tag color="blue" style={{ fontSize: 16, padding: '2px 10px' }} data-testid="case-status">
            {t(`case.status.${detail.status}`)}
          </Tag>
          {detail.leaderName && <Tag color="gold">{t('case.leader', { name: detail.leaderName })}</Tag>}
          {detail.extensionDays !== null && <Tag color="orange">{t('case.extension', { n: detail.extensionDays })}</Tag>}
          {detail.paused && <Tag color="purple">{t('case.paused')}</Tag>}
          {detail.linkedCaseNumber && <a href={caseHref(detail.linkedCaseNumber)}>{t('case.linked', { caseNumber: detail.linkedCaseNumber })}</a>}
          {detail.matterCaseNumber && (
            <a href={caseHref(detail.matterCaseNumber)} data-testid="case-matter-of">
              {t('case.matterOf', { caseNumber: detail.matterCaseNumber })}
            </a>
          )}
          {detail.repeatVisits > 0 && (
            <Tag color="volcano" data-testid="case-repeat-visits">
              {t('case.repeatVisits', { count: detail.repeatVisits })}
            </Tag>
          )}
        </Space>
        {detail.noFurtherAcceptance && <Alert style={{ marginTop: 12 }} type="warning" showIcon message={t('case.noFurther')} />}
        <div style={{ marginTop: 16 }}>
          <Space wrap data-testid="case-actions">
            {(detail.actions as CaseAction[]).map((a) => (
              <Button key={a} type={['close', 'assign', 'start', 'followUp'].includes(a) ? 'primary' : 'default'} onClick={() => setAction(a)}>
                {t(`case.actions.${a}`)}
              </Button>
            ))}
          </Space>
        </div>
      </Card>
      <Row gutter={16}>
        <Col span={14}>
          <Card title={t('case.sections.visitor')} size="small">
            {/* Two columns only from 1600 px: at 1366 the half-width card leaves a masked ID or an English
                label (Demand category) too little room, and the ID broke a character a line. */}
            <Descriptions column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 1, xxl: 2 }} size="small" bordered styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label={t('visitor.name')}>{detail.visitor.name}</Descriptions.Item>
              <Descriptions.Item label={t('visitor.idNumber')}>
                <Space className="nowrap">
                  {detail.visitor.noIdReason ? t('app.labelled', { label: t('visitor.noId'), value: detail.visitor.noIdReason }) : detail.visitor.maskedIdNumber}
                  {/* Nothing to reveal once the personal data is purged (个人信息保存期限). */}
                  {officer && !detail.visitor.noIdReason && detail.visitor.maskedIdNumber !== '' && identity === null && (
                    <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
                      {t('case.revealId')}
                    </Button>
                  )}
                </Space>
                {identity && <div data-testid="revealed-id">{t('case.revealed', { id: identity })}</div>}
              </Descriptions.Item>
              <Descriptions.Item label={t('visitor.phone')}>
                <span className="nowrap">{detail.visitor.maskedPhone}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('visitor.address')}>{detail.visitor.address}</Descriptions.Item>
              <Descriptions.Item label={t('visitor.kind')}>
                {detail.kind === 'group' ? `${t('visitor.group')} · ${detail.headcount}` : t('visitor.individual')}
              </Descriptions.Item>
              {detail.kind === 'group' && (
                <Descriptions.Item label={t('case.representatives')}>
                  {detail.representatives.map((r, i) => (
                    <div key={i} className="nowrap" data-testid="case-representative">
                      {[r.name, r.noIdReason === null ? r.maskedIdNumber : t('case.representativeNoId', { reason: r.noIdReason }), r.maskedPhone].filter((p) => p !== '').join(' · ')}
                    </div>
                  ))}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('routing.category')}>{detail.category}</Descriptions.Item>
              <Descriptions.Item label={t('routing.routing')}>{t(`routing.${detail.routing}`)}</Descriptions.Item>
              {detail.unit && <Descriptions.Item label={t('case.fields.unit')}>{detail.unit}</Descriptions.Item>}
              {detail.routingBody && <Descriptions.Item label={t('case.fields.body')}>{detail.routingBody}</Descriptions.Item>}
              {detail.routingContact && <Descriptions.Item label={t('routing.contact')}>{detail.routingContact}</Descriptions.Item>}
              {detail.routingReason && <Descriptions.Item label={t('case.fields.reason')}>{detail.routingReason}</Descriptions.Item>}
              {detail.result && <Descriptions.Item label={t('case.result')}>{detail.result}</Descriptions.Item>}
              {detail.satisfaction && <Descriptions.Item label={t('case.fields.satisfaction')}>{t(`case.satisfaction.${detail.satisfaction as Satisfaction}`)}</Descriptions.Item>}
              <Descriptions.Item label={t('case.receptionist')}>
                {detail.receptionist.badgeNo} {detail.receptionist.name} {detail.receptionist.position}
              </Descriptions.Item>
              <Descriptions.Item label={t('case.showsAt')}>{formatDateTime(detail.showsConfirmedAt, tz)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('case.sections.answers')} size="small" style={{ marginTop: 16 }}>
            {ANSWER_KEYS.map((k) => {
              const a = detail.answers[k]
              return (
                <div key={k} style={{ marginBottom: 12 }}>
                  <Typography.Text strong>{t(`answers.${k}.label`)}</Typography.Text>
                  {a.mark && <Tag style={{ marginLeft: 8 }}>{t('app.labelled', { label: t(`answers.${a.mark}`), value: a.reason })}</Tag>}
                  <div style={{ whiteSpace: 'pre-wrap' }}>{a.text}</div>
                </div>
              )
            })}
          </Card>
        </Col>
        <Col span={10}>
          {officer && <NoticesCard detail={detail} onPrinted={() => void query.refetch()} />}
          <Card title={t('case.sections.clocks')} size="small" data-testid="case-clocks" style={{ marginTop: officer ? 16 : 0 }}>
            {detail.clocks.map((c) => (
              <div key={c.key} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                <span>{t(`case.clocks.${c.key as ClockKey}`)}</span>
                {/* The clock's name may wrap (Request for re-review); its date and tag stay on one line. */}
                <Space className="nowrap" style={{ flex: 'none' }}>
                  {c.due && <Typography.Text type="secondary">{t('case.clockDue', { due: c.due })}</Typography.Text>}
                  <ClockTag clock={c} />
                </Space>
              </div>
            ))}
          </Card>
          <Card title={t('case.sections.timeline')} size="small" style={{ marginTop: 16 }}>
            <Timeline
              items={detail.events.map((e) => ({
                children: (
                  <div>
                    <Typography.Text strong>{t(`case.actions.${e.action as EventAction}`)}</Typography.Text>
                    {e.toStatus && e.fromStatus && e.toStatus !== e.fromStatus && <Tag style={{ marginLeft: 8 }}>{t(`case.status.${e.toStatus as CaseStatus}`)}</Tag>}
                    <div>
                      <Typography.Text type="secondary">
                        {formatDateTime(e.at, tz)} · {e.userName}
                      </Typography.Text>
                    </div>
                    {typeof e.data.unit === 'string' && <div>{e.data.unit}</div>}
                    {e.action === 'repeatVisit' && typeof e.data.caseNumber === 'string' && (
                      <div>
                        <a href={caseHref(e.data.caseNumber)}>{t('case.repeatOf', { caseNumber: e.data.caseNumber })}</a>
                      </div>
                    )}
                    {typeof e.data.body === 'string' && <div>{e.data.body}</div>}
                    {typeof e.data.lateReason === 'string' && (
                      <Typography.Text type="warning">{t('app.labelled', { label: t('case.fields.lateReason'), value: e.data.lateReason })}</Typography.Text>
                    )}
                    {typeof e.data.satisfaction === 'string' && <div>{t(`case.satisfaction.${e.data.satisfaction as Satisfaction}`)}</div>}
                    {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
          <Card title={t('case.sections.otherVisits')} size="small" style={{ marginTop: 16 }}>
            {detail.otherVisits.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              detail.otherVisits.map((o) => (
                <div key={o.caseNumber}>
                  <a href={caseHref(o.caseNumber)}>{o.caseNumber}</a> {formatDateTime(o.registeredAt, tz)} {o.category} · {t(`case.status.${o.status}`)}
                </div>
              ))
            )}
          </Card>
          <Card title={t('case.sections.prints')} size="small" style={{ marginTop: 16 }}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={detail.prints.filter((p) => p.document === 'receipt')}
              locale={{ emptyText: t('print.historyEmpty') }}
              columns={[
                { title: t('print.when'), dataIndex: 'requestedAt', render: (v: string) => formatDateTime(v, tz) },
                { title: t('print.copyNo'), dataIndex: 'copyNo' },
                { title: t('print.who'), dataIndex: 'userName' },
                { title: t('print.result'), dataIndex: 'status', render: (v: PrintRecord['status']) => t(`print.statuses.${v}`) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <ActionDialog
        detail={detail}
        action={action}
        extensionMax={hall.extensionMax}
        onClose={() => setAction(null)}
        onDone={(d) => {
          // The step's answer is the case as it now stands: no need to wait for the change event.
          queryClient.setQueryData(rpcKey('cases.get', { caseNumber }), d)
          setAction(null)
          void message.success(t('case.done2'))
        }}
      />
    </Space>
  )
}
