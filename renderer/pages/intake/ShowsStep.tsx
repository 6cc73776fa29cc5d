import { DesktopOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Checkbox, Col, Row, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import { useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { IntakeInput, IntakeValues } from '../../../shared/intake/schemas'
import { useApp } from '../../app-context'
import { formatTime } from '../../format'
import { messageText } from '../../forms/messages'
import { openChannel } from '../visitor-view/channel'

const SHOW_KEYS = ['badge', 'name', 'position'] as const

/** 三亮: the receptionist's badge number, name and position in large type, each confirmed as shown. */
export function ShowsStep({ form }: { form: UseFormReturn<IntakeInput, unknown, IntakeValues> }) {
  const { t } = useTranslation()
  const { hall, session } = useApp()
  const shows = useWatch({ control: form.control, name: 'shows' })
  const confirmedAt = useWatch({ control: form.control, name: 'showsConfirmedAt' })
  const [popupBlocked, setPopupBlocked] = useState(false)
  const values: [string, string, string] = [session.badgeNo, session.name, session.position]
  const error = form.formState.errors.shows?.message

  // The visitor-facing view mirrors this card, including which items were confirmed.
  useEffect(() => {
    const message = {
      type: 'shows' as const,
      hallName: hall.name,
      labels: hall.showLabels,
      values: [session.badgeNo, session.name, session.position] as [string, string, string],
      shown: [shows.badge, shows.name, shows.position] as [boolean, boolean, boolean],
    }
    const channel = openChannel((m) => {
      if (m.type === 'hello') channel.post(message)
    })
    channel.post(message)
    return channel.close
  }, [hall, session, shows.badge, shows.name, shows.position])

  const toggle = (key: (typeof SHOW_KEYS)[number], checked: boolean) => {
    const next = { ...form.getValues('shows'), [key]: checked }
    form.setValue('shows', next, { shouldDirty: true })
    const all = next.badge && next.name && next.position
    form.setValue('showsConfirmedAt', all ? (form.getValues('showsConfirmedAt') ?? new Date().toISOString()) : null, { shouldDirty: true })
    if (all) form.clearErrors('shows')
  }

  const openVisitorView = () => {
    const url = `${location.pathname}${location.search}#/visitor-view`
    const popup = window.open(url, 'intake-desk-visitor-view', 'popup,width=1024,height=720')
    setPopupBlocked(popup === null && window.intakeDesk === undefined)
  }

  return (
    <Row gutter={24}>
      <Col span={14}>
        <Card className="shows-card" title={t('shows.title')} data-testid="shows-card">
          {hall.showLabels.map((label, i) => (
            <div key={label} style={{ marginBottom: 20 }}>
              <div className="shows-label">{label}</div>
              <div className="shows-value">{values[i]}</div>
            </div>
          ))}
        </Card>
      </Col>
      <Col span={10}>
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ fontSize: 17 }}>{t('shows.intro')}</Typography.Paragraph>
          {SHOW_KEYS.map((key, i) => (
            <Checkbox
              key={key}
              checked={shows[key]}
              autoFocus={i === 0}
              onChange={(e) => toggle(key, e.target.checked)}
              style={{ fontSize: 20 }}
            >
              {t(`shows.${key}`)}
            </Checkbox>
          ))}
          {confirmedAt && <Typography.Text type="success">{t('shows.confirmedAt', { time: formatTime(confirmedAt, hall.timeZone, true) })}</Typography.Text>}
          {error && <Alert type="error" showIcon role="alert" message={messageText(t, error)} />}
          <Button icon={<DesktopOutlined />} onClick={openVisitorView} tabIndex={-1}>
            {t('shows.openVisitorView')}
          </Button>
          <Typography.Text type="secondary">{t('shows.visitorViewHint')}</Typography.Text>
          {popupBlocked && <Alert type="warning" showIcon message={t('shows.popupBlocked')} />}
        </Space>
      </Col>
    </Row>
  )
}
