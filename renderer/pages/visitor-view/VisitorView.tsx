import { CheckCircleFilled } from '@ant-design/icons'
import { Button } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ONSITE_RATINGS } from '../../../shared/queue/domain'
import type { CalledMessage, ShowsMessage } from './channel'
import { openChannel } from './channel'

type Channel = ReturnType<typeof openChannel>

/**
 * The visitor-facing card, on the screen that faces the visitor: the number this desk called,
 * then the receptionist's three shows (三亮), and after 登记 the rating (评价器).
 */
export function VisitorView() {
  const { t } = useTranslation()
  const [shows, setShows] = useState<ShowsMessage | null>(null)
  const [called, setCalled] = useState<CalledMessage | null>(null)
  const [rating, setRating] = useState<{ caseNumber: string; done: boolean } | null>(null)
  const [channel, setChannel] = useState<Channel | null>(null)

  useEffect(() => {
    const c = openChannel((m) => {
      if (m.type === 'shows') setShows(m)
      if (m.type === 'called') {
        setCalled(m)
        setRating(null)
      }
      if (m.type === 'clear') {
        setShows(null)
        setCalled(null)
      }
      if (m.type === 'rate') setRating({ caseNumber: m.caseNumber, done: false })
      if (m.type === 'rateDone') setRating((r) => (r?.caseNumber === m.caseNumber ? { ...r, done: true } : r))
    })
    c.post({ type: 'hello' })
    setChannel(c)
    return c.close
  }, [])

  useEffect(() => {
    document.title = `${t('app.title')} · ${t('shows.visitorViewTitle')}`
  }, [t])

  if (rating !== null) {
    return (
      <div className="visitor-view" data-testid="visitor-rating">
        {rating.done ? (
          <h1>{t('queue.visitor.rateThanks')}</h1>
        ) : (
          <>
            <h1>{t('queue.visitor.rateTitle')}</h1>
            <div className="vv-rate">
              {ONSITE_RATINGS.map((r) => (
                <Button key={r} className={`vv-rate-${r}`} onClick={() => channel?.post({ type: 'rated', caseNumber: rating.caseNumber, rating: r })}>
                  {t(`queue.visitor.ratings.${r}`)}
                </Button>
              ))}
            </div>
          </>
        )}
      </div>
    )
  }

  const number = called === null ? null : <p className="vv-number" data-testid="visitor-number">{t('queue.visitor.welcome', { number: called.number })}</p>
  if (shows === null) {
    return (
      <div className="visitor-view" data-testid="visitor-view-waiting">
        <h1>{t('app.title')}</h1>
        {number ?? <p style={{ fontSize: 28 }}>{t('shows.visitorViewWaiting')}</p>}
      </div>
    )
  }
  return (
    <div className="visitor-view" data-testid="visitor-view">
      <p style={{ fontSize: 28, margin: 0, opacity: 0.85 }}>{shows.hallName}</p>
      {number}
      <h1>{t('shows.visitorViewWelcome')}</h1>
      {shows.labels.map((label, i) => (
        <div className="vv-row" key={label}>
          <span className="vv-label">{label}</span>
          <span className="vv-value">{shows.values[i]}</span>
          <span className="vv-shown" style={{ visibility: shows.shown[i] ? 'visible' : 'hidden' }}>
            <CheckCircleFilled />
          </span>
        </div>
      ))}
    </div>
  )
}
