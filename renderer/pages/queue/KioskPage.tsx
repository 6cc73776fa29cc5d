import { Alert, Button, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TicketKind } from '../../../shared/queue/domain'
import type { IssuedTicket } from '../../../shared/queue/types'
import { call, errorText } from '../../api/client'
import { printInBrowser } from '../receipt/print-in-browser'
import { KindPicker } from './KindPicker'
import { usePoll } from './use-poll'

/** How long the kiosk shows a taken number before it is ready for the next visitor. */
const SHOW_TICKET_MS = 20_000

/** 自助取号: a touch screen by the door. Large buttons, Chinese, no personal data asked. */
export function KioskPage() {
  const { t } = useTranslation()
  const board = usePoll('queue.board', {}, 10_000)
  const [issued, setIssued] = useState<IssuedTicket | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    document.title = t('queue.kiosk.title')
  }, [t])

  useEffect(() => {
    if (issued === null) return
    const timer = setTimeout(() => setIssued(null), SHOW_TICKET_MS)
    return () => clearTimeout(timer)
  }, [issued])

  const take = async (kind: TicketKind, headcount: number) => {
    setBusy(true)
    setError(null)
    const result = await call('queue.kioskTake', { kind, headcount })
    setBusy(false)
    if (!result.ok) {
      setError(errorText(result.error))
      return
    }
    setIssued(result.value)
    void printInBrowser(result.value.html)
  }

  return (
    <div className="kiosk" data-testid="kiosk">
      <Typography.Text className="kiosk-hall">{board.value?.hallName ?? ''}</Typography.Text>
      <Typography.Title className="kiosk-title">{t('queue.kiosk.title')}</Typography.Title>
      {error !== null && <Alert type="error" showIcon message={<span style={{ fontSize: 24 }}>{error}</span>} style={{ marginBottom: 24 }} />}
      {issued === null ? (
        <>
          <Typography.Paragraph className="kiosk-sub">{t('queue.kiosk.choose')}</Typography.Paragraph>
          <KindPicker onTake={(k, n) => void take(k, n)} busy={busy} large />
          <Typography.Paragraph className="kiosk-privacy">{t('queue.kiosk.privacy')}</Typography.Paragraph>
        </>
      ) : (
        <div className="kiosk-ticket" data-testid="kiosk-ticket">
          <div className="kiosk-your">{t('queue.kiosk.yourNumber')}</div>
          <div className="kiosk-number" data-testid="kiosk-number">
            {issued.ticket.number}
          </div>
          <div className="kiosk-kind">{issued.ticket.kind === 'group' ? t('queue.ticket.groupKind', { n: issued.ticket.headcount }) : t(`queue.kinds.${issued.ticket.kind}`)}</div>
          <div className="kiosk-ahead">{t('queue.kiosk.ahead', { n: issued.ahead, m: issued.estimatedMinutes })}</div>
          <div className="kiosk-take">{t('queue.kiosk.takeTicket')}</div>
          <Button type="primary" style={{ height: 110, fontSize: 40, minWidth: 320, marginTop: 32 }} onClick={() => setIssued(null)}>
            {t('queue.kiosk.again')}
          </Button>
        </div>
      )}
    </div>
  )
}
