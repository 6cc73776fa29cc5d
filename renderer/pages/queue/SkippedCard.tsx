import { Card, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * 过号: the skipped tickets, with how long a skipped visitor may come back. The hint stands under
 * the title, not in it: a card title is cut at the card's width (“… may rejoin within 30 m…”).
 */
export function SkippedCard({ minutes, children }: { minutes: number; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Card title={t('queue.desk.skipped')} size="small">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('queue.desk.skippedHint', { minutes })}
      </Typography.Paragraph>
      {children}
    </Card>
  )
}
