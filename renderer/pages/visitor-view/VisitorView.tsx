import { CheckCircleFilled } from '@ant-design/icons'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ShowsMessage } from './channel'
import { openChannel } from './channel'

/** The visitor-facing card (三亮): large type, on the screen that faces the visitor. */
export function VisitorView() {
  const { t } = useTranslation()
  const [shows, setShows] = useState<ShowsMessage | null>(null)

  useEffect(() => {
    const channel = openChannel((m) => {
      if (m.type === 'shows') setShows(m)
      if (m.type === 'clear') setShows(null)
    })
    channel.post({ type: 'hello' })
    return channel.close
  }, [])

  useEffect(() => {
    document.title = `${t('app.title')} · ${t('shows.visitorViewTitle')}`
  }, [t])

  if (shows === null) {
    return (
      <div className="visitor-view">
        <h1>{t('app.title')}</h1>
        <p style={{ fontSize: 28 }}>{t('shows.visitorViewWaiting')}</p>
      </div>
    )
  }
  return (
    <div className="visitor-view" data-testid="visitor-view">
      <p style={{ fontSize: 28, margin: 0, opacity: 0.85 }}>{shows.hallName}</p>
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
