import { App, Button, Card, Col, Input, InputNumber, Modal, Popover, Row, Space, Statistic, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { SkippedCard } from './SkippedCard'
import { MAX_WINDOW, TICKET_KINDS } from '../../../shared/queue/domain'
import type { TicketKind } from '../../../shared/queue/domain'
import type { Ticket } from '../../../shared/queue/types'
import { call, errorText } from '../../api/client'
import { useApp } from '../../app-context'
import { printInBrowser } from '../receipt/print-in-browser'
import { openChannel } from '../visitor-view/channel'
import { KindPicker } from './KindPicker'
import { TicketTable } from './TicketTable'
import { usePoll } from './use-poll'
import { savedWindow, saveWindow } from './window-number'

/** Tells the visitor-facing view which number this desk called (shown before 三亮). */
function showCalled(ticket: Ticket): void {
  const channel = openChannel(() => undefined)
  channel.post({ type: 'called', number: ticket.number, window: ticket.window ?? 0 })
  channel.close()
}

/** 叫号 at a receptionist's desk: waiting per kind, the ticket being served, and the four buttons. */
export function QueuePanel() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { session } = useApp()
  const navigate = useNavigate()
  const [window, setWindow] = useState<number | null>(savedWindow)
  const [busy, setBusy] = useState(false)
  const [toWindow, setToWindow] = useState<number | null>(null)
  const [outOfOrder, setOutOfOrder] = useState<Ticket | null>(null)
  const [reason, setReason] = useState('')
  const desk = usePoll('queue.desk', {}, 3000)
  const serving = desk.value?.serving ?? null

  useEffect(() => {
    if (serving !== null) showCalled(serving)
  }, [serving])

  const act = async (run: () => ReturnType<typeof call>, done?: (value: unknown) => string | null) => {
    setBusy(true)
    const result = await run()
    setBusy(false)
    if (!result.ok) void message.error(errorText(result.error))
    else {
      const text = done?.(result.value) ?? null
      if (text !== null) void message.success(text)
    }
    await desk.reload()
    return result.ok
  }

  const w = window ?? 0
  const next = () =>
    act(
      () => call('queue.callNext', { window: w }),
      (v) => {
        const ticket = v as Ticket | null
        if (ticket === null) return t('queue.desk.empty')
        showCalled(ticket)
        return t('queue.desk.called', { number: ticket.number, window: w })
      },
    )
  const take = (kind: TicketKind, headcount: number) =>
    act(
      () => call('queue.take', { kind, headcount }),
      (v) => {
        const issued = v as { html: string; ticket: Ticket }
        void printInBrowser(issued.html)
        return t('queue.guide.issued', { number: issued.ticket.number })
      },
    )

  const windowPicker = (
    <Space>
      <Typography.Text strong style={{ fontSize: 18 }}>
        {t('queue.desk.window')}
      </Typography.Text>
      <InputNumber
        min={1}
        max={MAX_WINDOW}
        size="large"
        value={window}
        onChange={(v) => {
          const n = typeof v === 'number' ? v : null
          setWindow(n)
          if (n !== null) saveWindow(n)
        }}
        aria-label={t('queue.desk.window')}
        data-testid="window-number"
        style={{ width: 90 }}
      />
      <span>{t('queue.desk.windowSuffix')}</span>
      <Button onClick={() => globalThis.open(`${location.pathname}${location.search}#/hall-screen`, 'intake-desk-hall-screen', 'popup,width=1280,height=720')}>
        {t('queue.desk.openScreen')}
      </Button>
    </Space>
  )

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="queue-panel">
      <Row justify="space-between" align="middle">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('queue.desk.title')}
        </Typography.Title>
        {windowPicker}
      </Row>
      <Row gutter={16}>
        {TICKET_KINDS.map((k) => (
          <Col span={6} key={k}>
            <Card size="small">
              <Statistic title={`${t('queue.desk.waiting')} · ${t(`queue.kinds.${k}`)}`} value={desk.value?.waiting[k] ?? 0} data-testid={`waiting-${k}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card data-testid="serving-card">
        <Row align="middle" gutter={24}>
          <Col flex="260px">
            <div style={{ color: '#5b6475', fontSize: 16 }}>{t('queue.desk.serving')}</div>
            <div className="serving-number" data-testid="serving-number">
              {serving?.number ?? '—'}
            </div>
            <div style={{ fontSize: 16 }}>
              {serving === null ? t('queue.desk.nobody') : serving.kind === 'group' ? t('queue.ticket.groupKind', { n: serving.headcount }) : t(`queue.kinds.${serving.kind}`)}
            </div>
          </Col>
          <Col flex="auto">
            <Space wrap size={12}>
              <Button type="primary" size="large" className="queue-button" disabled={window === null} loading={busy} onClick={() => void next()} data-testid="call-next">
                {t('queue.desk.next')}
              </Button>
              <Button size="large" className="queue-button" disabled={serving === null} onClick={() => serving && void act(() => call('queue.recall', { ticketId: serving.id, window: w }))}>
                {t('queue.desk.recall')}
              </Button>
              <Button size="large" className="queue-button" disabled={serving === null} onClick={() => serving && void act(() => call('queue.skip', { ticketId: serving.id, window: w }))}>
                {t('queue.desk.skip')}
              </Button>
              <Popover
                trigger="click"
                content={
                  <Space>
                    <span>{t('queue.desk.transferTo')}</span>
                    <InputNumber min={1} max={MAX_WINDOW} value={toWindow} onChange={(v) => setToWindow(typeof v === 'number' ? v : null)} aria-label={t('queue.desk.transferTo')} />
                    <Button
                      type="primary"
                      disabled={toWindow === null || serving === null}
                      onClick={() =>
                        serving &&
                        toWindow !== null &&
                        void act(
                          () => call('queue.transfer', { ticketId: serving.id, window: w, toWindow }),
                          () => t('queue.desk.transferDone', { number: serving.number, window: toWindow }),
                        )
                      }
                    >
                      {t('queue.desk.transfer')}
                    </Button>
                  </Space>
                }
              >
                <Button size="large" className="queue-button" disabled={serving === null}>
                  {t('queue.desk.transfer')}
                </Button>
              </Popover>
              <Button size="large" className="queue-button" disabled={serving === null} onClick={() => void navigate('/intake')} data-testid="start-intake">
                {t('queue.desk.startIntake')}
              </Button>
            </Space>
          </Col>
        </Row>
      </Card>
      <Row gutter={16}>
        <Col span={14}>
          <Card title={t('queue.desk.queue')} size="small">
            <TicketTable
              testId="queue-list"
              tickets={desk.value?.queue ?? []}
              action={
                session.role === 'duty_officer'
                  ? (ticket) => (
                      <Button size="small" disabled={window === null} onClick={() => setOutOfOrder(ticket)}>
                        {t('queue.desk.outOfOrder')}
                      </Button>
                    )
                  : undefined
              }
            />
          </Card>
        </Col>
        <Col span={10}>
          <SkippedCard minutes={desk.value?.settings.skipReturnMinutes ?? 0}>
            <TicketTable
              testId="skipped-list"
              tickets={desk.value?.skipped ?? []}
              action={(ticket) => (
                <Button size="small" onClick={() => void act(() => call('queue.return', { ticketId: ticket.id, window: w || 1 }), () => t('queue.desk.returned', { number: ticket.number }))}>
                  {t('queue.desk.comeBack')}
                </Button>
              )}
            />
          </SkippedCard>
          <Card title={t('queue.desk.takeForVisitor')} size="small" style={{ marginTop: 16 }}>
            <KindPicker onTake={(k, n) => void take(k, n)} busy={busy} large={false} />
          </Card>
        </Col>
      </Row>
      <Modal
        open={outOfOrder !== null}
        title={outOfOrder === null ? '' : t('queue.desk.outOfOrderTitle', { number: outOfOrder.number })}
        okButtonProps={{ disabled: reason.trim() === '' }}
        onCancel={() => setOutOfOrder(null)}
        onOk={() => {
          const ticket = outOfOrder
          if (ticket === null) return
          void act(
            () => call('queue.callOutOfOrder', { ticketId: ticket.id, window: w, reason }),
            () => t('queue.desk.called', { number: ticket.number, window: w }),
          ).then((done) => {
            if (done) {
              setOutOfOrder(null)
              setReason('')
            }
          })
        }}
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('queue.desk.reason')} aria-label={t('queue.desk.reason')} />
      </Modal>
    </Space>
  )
}
