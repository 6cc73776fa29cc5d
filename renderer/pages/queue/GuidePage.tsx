import { App, Button, Card, Col, Row, Space, Statistic, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SkippedCard } from './SkippedCard'
import { TICKET_KINDS } from '../../../shared/queue/domain'
import type { TicketKind } from '../../../shared/queue/domain'
import type { IssuedTicket } from '../../../shared/queue/types'
import { call, errorText } from '../../api/client'
import { printInBrowser } from '../receipt/print-in-browser'
import { KindPicker } from './KindPicker'
import { TicketTable } from './TicketTable'
import { usePoll } from './use-poll'

/** 导引台: the guide issues tickets and sees the queue, nothing else. */
export function GuidePage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const desk = usePoll('queue.desk', {}, 3000)
  const [busy, setBusy] = useState(false)
  const [last, setLast] = useState<IssuedTicket | null>(null)

  const take = async (kind: TicketKind, headcount: number) => {
    setBusy(true)
    const result = await call('queue.take', { kind, headcount })
    setBusy(false)
    if (!result.ok) {
      void message.error(errorText(result.error))
      return
    }
    setLast(result.value)
    void message.success(t('queue.guide.issued', { number: result.value.ticket.number }))
    await printInBrowser(result.value.html)
    await desk.reload()
  }

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="guide-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('queue.guide.title')}
      </Typography.Title>
      <Row gutter={16}>
        <Col span={14}>
          <Card>
            <KindPicker onTake={(k, n) => void take(k, n)} busy={busy} large={false} />
          </Card>
        </Col>
        <Col span={10}>
          <Card title={t('queue.guide.lastTicket')}>
            {last === null ? (
              <Typography.Text type="secondary">—</Typography.Text>
            ) : (
              <Space direction="vertical">
                <span className="serving-number" data-testid="guide-last-number">
                  {last.ticket.number}
                </span>
                <span>{t('queue.kiosk.ahead', { n: last.ahead, m: last.estimatedMinutes })}</span>
                <Button onClick={() => void printInBrowser(last.html)}>{t('queue.guide.reprint')}</Button>
              </Space>
            )}
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        {TICKET_KINDS.map((k) => (
          <Col span={6} key={k}>
            <Card size="small">
              <Statistic title={`${t('queue.desk.waiting')} · ${t(`queue.kinds.${k}`)}`} value={desk.value?.waiting[k] ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col span={14}>
          <Card title={t('queue.desk.queue')} size="small">
            <TicketTable testId="guide-queue" tickets={desk.value?.queue ?? []} />
          </Card>
        </Col>
        <Col span={10}>
          <SkippedCard minutes={desk.value?.settings.skipReturnMinutes ?? 0}>
            <TicketTable
              testId="guide-skipped"
              tickets={desk.value?.skipped ?? []}
              action={(ticket) => (
                <Button
                  size="small"
                  onClick={() =>
                    void call('queue.return', { ticketId: ticket.id, window: ticket.window ?? 1 }).then(async (r) => {
                      if (r.ok) void message.success(t('queue.desk.returned', { number: ticket.number }))
                      else void message.error(errorText(r.error))
                      await desk.reload()
                    })
                  }
                >
                  {t('queue.desk.comeBack')}
                </Button>
              )}
            />
          </SkippedCard>
        </Col>
      </Row>
    </Space>
  )
}
