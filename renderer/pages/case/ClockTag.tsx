import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CaseClockView } from '../../../shared/cases/types'

/** A clock's state at a glance: red when overdue, orange within 3 days, green when done. */
export function ClockTag({ clock }: { clock: CaseClockView }) {
  const { t } = useTranslation()
  if (clock.doneOn !== null) return <Tag color="green">{t('case.done', { day: clock.doneOn })}</Tag>
  if (clock.paused) return <Tag color="purple">{t('case.paused')}</Tag>
  if (clock.daysLeft === null) return null
  if (clock.visitorSide) return <Tag>{t('case.clockDue', { due: clock.due ?? '' })}</Tag>
  if (clock.daysLeft < 0) return <Tag color="red">{t('case.overdueBy', { n: -clock.daysLeft })}</Tag>
  if (clock.daysLeft === 0) return <Tag color="orange">{t('case.dueToday')}</Tag>
  return <Tag color={clock.daysLeft <= 3 ? 'orange' : 'blue'}>{t('case.daysLeft', { n: clock.daysLeft })}</Tag>
}

/** Days left on a list row (督办, search). */
export function DaysLeftTag({ daysLeft, paused }: { daysLeft: number | null; paused: boolean }) {
  const { t } = useTranslation()
  if (paused) return <Tag color="purple">{t('case.paused')}</Tag>
  if (daysLeft === null) return null
  if (daysLeft < 0) return <Tag color="red">{t('case.overdueBy', { n: -daysLeft })}</Tag>
  if (daysLeft === 0) return <Tag color="orange">{t('case.dueToday')}</Tag>
  return <Tag color={daysLeft <= 3 ? 'orange' : 'blue'}>{t('case.daysLeft', { n: daysLeft })}</Tag>
}
