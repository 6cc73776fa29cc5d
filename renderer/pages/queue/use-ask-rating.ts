import { App } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { OnsiteRating } from '../../../shared/queue/domain'
import { ONSITE_RATINGS } from '../../../shared/queue/domain'
import { call, errorText } from '../../api/client'
import { openChannel } from '../visitor-view/channel'

/**
 * After 登记: the visitor-facing view asks 满意 / 基本满意 / 不满意 (touch there, or keys 1–3 on
 * the desk); the answer is recorded with the case and the receptionist, once.
 */
export function useAskRating(caseNumber: string): void {
  const { t } = useTranslation()
  const { message } = App.useApp()
  useEffect(() => {
    let done = false
    const record = async (rating: OnsiteRating) => {
      if (done) return
      done = true
      const result = await call('queue.rate', { caseNumber, rating })
      if (result.ok) void message.success(`${t('queue.visitor.rateThanks')} ${t(`queue.visitor.ratings.${rating}`)}`)
      else void message.error(errorText(result.error))
      channel.post({ type: 'rateDone', caseNumber })
    }
    const channel = openChannel((m) => {
      if (m.type === 'rated' && m.caseNumber === caseNumber) void record(m.rating)
      if (m.type === 'hello') channel.post({ type: 'rate', caseNumber })
    })
    channel.post({ type: 'rate', caseNumber })
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null
      if (target !== null && ['INPUT', 'TEXTAREA'].includes(target.tagName)) return
      const rating = ONSITE_RATINGS[Number(e.key) - 1]
      if (rating !== undefined && ['1', '2', '3'].includes(e.key)) void record(rating)
    }
    window.addEventListener('keydown', onKey)
    return () => {
      window.removeEventListener('keydown', onKey)
      channel.close()
    }
  }, [caseNumber, message, t])
}
