import { Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DeskLink } from '../../../shared/app/types'
import { call } from '../../api/client'

/** How often the header asks for the link's state; app.link never touches the database. */
const POLL_MS = 2_000

/** The desk's name and, in a hall, whether its database is reachable (issue #10). */
export function DeskLinkBadge() {
  const { t } = useTranslation()
  const [link, setLink] = useState<DeskLink | null>(null)
  useEffect(() => {
    let stopped = false
    const poll = () =>
      void call('app.link', {}).then((r) => {
        if (!stopped && r.ok) setLink(r.value)
      })
    poll()
    const timer = setInterval(poll, POLL_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [])
  if (link === null) return null
  const state = link.engine === 'sqlite' ? 'local' : link.state
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8, flexShrink: 0 }} data-testid="desk-link">
      <Typography.Text style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="desk-name">
        {t('shell.link.desk', { desk: link.desk })}
      </Typography.Text>
      <Tag color={state === 'reconnecting' ? 'error' : state === 'connected' ? 'success' : 'default'} data-testid="desk-link-state" data-state={state}>
        {t(`shell.link.${state}`)}
      </Tag>
    </span>
  )
}
