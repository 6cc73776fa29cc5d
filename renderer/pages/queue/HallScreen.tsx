import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TICKET_KINDS } from '../../../shared/queue/domain'
import i18n from '../../i18n'
import { announce, voiceInUse } from './announce'
import { usePoll } from './use-poll'

/** The hall screen (叫号大屏): calls per window, the last calls, waiting counts; numbers only, never names. */
export function HallScreen() {
  const { t } = useTranslation()
  const { value: board } = usePoll('queue.board', {}, 2000)
  const lastCall = useRef<number | null>(null)
  const [voices, setVoices] = useState(0)
  // Browsers play sound only after a touch or a key on the page; Electron's window may at once.
  const [soundOn, setSoundOn] = useState(window.intakeDesk !== undefined)

  useEffect(() => {
    document.title = t('queue.screen.title')
  }, [t])

  // The voices list arrives late in Chromium: recount when it does.
  useEffect(() => {
    if (typeof speechSynthesis === 'undefined') return
    const onVoices = () => setVoices(speechSynthesis.getVoices().length)
    speechSynthesis.addEventListener('voiceschanged', onVoices)
    return () => speechSynthesis.removeEventListener('voiceschanged', onVoices)
  }, [])

  const newest = board?.recent[0]
  useEffect(() => {
    if (newest === undefined || board === null) return
    if (lastCall.current === null) {
      // The calls already on screen when it opened are not announced again.
      lastCall.current = newest.callId
      return
    }
    if (newest.callId === lastCall.current) return
    lastCall.current = newest.callId
    if (soundOn) announce(i18n.t('queue.screen.call', { number: newest.number.split('').join(' '), window: newest.window, lng: 'zh-CN' }), board.voice)
  }, [newest, board, soundOn])

  if (board === null) return <div className="hall-screen" />
  const inUse = voiceInUse(board.voice)
  const voiceText = inUse === 'speech' ? t('queue.screen.voiceSpeech') : board.voice === 'chime' ? t('queue.screen.voiceChimeSet') : t('queue.screen.voiceChime')
  const main = board.current[0]
  const others = board.current.slice(1, 5)
  // Read so that a late voices list re-renders the line saying which sound is in use.
  void voices

  return (
    <div className="hall-screen" data-testid="hall-screen" onClick={() => setSoundOn(true)} onKeyDown={() => setSoundOn(true)} role="presentation">
      <header className="hs-head">
        <span>{board.hallName}</span>
        <span>{t('queue.screen.title')}</span>
      </header>
      <main className="hs-main">
        <section className="hs-now" data-testid="hall-screen-now">
          {main === undefined ? (
            <div className="hs-none">{t('queue.screen.none')}</div>
          ) : (
            <>
              <div className="hs-call">{t('queue.screen.callNumber', { number: main.number })}</div>
              <div className="hs-window">{t('queue.screen.toWindow', { window: main.window })}</div>
            </>
          )}
          <div className="hs-windows">
            {others.map((c) => (
              <div key={c.callId} className="hs-window-card">
                <span className="hs-wnum">{c.number}</span>
                <span>{t('queue.screen.windowLabel', { window: c.window })}</span>
              </div>
            ))}
          </div>
        </section>
        <aside className="hs-side">
          <h2>{t('queue.screen.recent')}</h2>
          {board.recent.length === 0 && <p className="hs-recent-none">{t('queue.screen.recentNone')}</p>}
          <ol className="hs-recent" data-testid="hall-screen-recent">
            {board.recent.slice(0, 6).map((c) => (
              <li key={c.callId}>
                <span className="hs-rnum">{c.number}</span>
                <span>{t('queue.screen.windowLabel', { window: c.window })}</span>
                {c.action === 'recall' && <span className="hs-recall">{t('queue.screen.recall')}</span>}
              </li>
            ))}
          </ol>
          <h2>{t('queue.screen.waiting')}</h2>
          <div className="hs-counts" data-testid="hall-screen-waiting">
            {TICKET_KINDS.map((k) => (
              <div key={k}>
                <span>{t(`queue.kinds.${k}`)}</span>
                <b>{board.waiting[k]}</b>
              </div>
            ))}
          </div>
          <div className="hs-estimate">{t('queue.screen.estimated', { n: board.estimatedMinutes })}</div>
        </aside>
      </main>
      <footer className="hs-foot" data-testid="hall-screen-voice">
        {voiceText}
        {!soundOn && ` · ${t('queue.screen.voiceOff')}`}
      </footer>
    </div>
  )
}
