import { HistoryOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Spin, Table, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { parseIdNumber } from '../../../shared/id-number'
import { maskPhone } from '../../../shared/phone'
import type { PriorVisit, VisitorHistory } from '../../../shared/intake/types'
import { call } from '../../api/client'
import { useApp } from '../../app-context'
import { formatDate } from '../../format'
import { OneLine } from '../case/CaseTable'

interface Props {
  idNumber: string
  /** Offers the earlier visits as the starting text of 信访经历 and 此前办理情况. */
  onUse: (history: string, priorHandling: string) => void
  /** Fills 联系电话 and 住址 with what the visitor gave last time; both stay editable. */
  onUseContact: (phone: string, address: string) => void
}

/** Earlier visits of the person whose ID number was just typed (重复信访), shown at once. */
export function HistoryPanel({ idNumber, onUse, onUseContact }: Props) {
  const { t } = useTranslation()
  const { hall } = useApp()
  // null while the lookup runs; 'failed' shows nothing, as before a lookup.
  const [history, setHistory] = useState<VisitorHistory | 'failed' | null>(null)
  const [used, setUsed] = useState(false)
  const [contactUsed, setContactUsed] = useState(false)
  const parsed = parseIdNumber(idNumber)
  const valid = parsed.ok ? parsed.value : null

  useEffect(() => {
    setHistory(null)
    setUsed(false)
    setContactUsed(false)
    if (valid === null) return
    let live = true
    void call('intake.history', { idNumber: valid }).then((r) => {
      if (live) setHistory(r.ok ? r.value : 'failed')
    })
    return () => {
      live = false
    }
  }, [valid])

  if (valid === null || history === 'failed') return null
  // A hall of many visits can take a moment: say that the lookup is running (issue #13).
  if (history === null) {
    return (
      <Typography.Text type="secondary" data-testid="history-looking">
        <Spin size="small" style={{ marginRight: 8 }} />
        {t('history.looking')}
      </Typography.Text>
    )
  }
  if (history.visits.length === 0) {
    return <Alert type="info" showIcon message={t('history.none')} data-testid="history-none" />
  }

  const line = (v: PriorVisit) =>
    t('history.summaryLine', {
      date: formatDate(v.registeredAt, hall.timeZone),
      caseNumber: v.caseNumber,
      category: v.category,
      routing: t(`routing.${v.routing}`),
    })
  const use = () => {
    const latest = history.visits[0]
    if (latest === undefined) return
    const historyText = [...history.visits.map(line), '', latest.answers?.history.text ?? ''].join('\n').trim()
    const priorText = [line(latest), latest.answers?.priorHandling.text ?? ''].join('\n').trim()
    onUse(historyText, priorText)
    setUsed(true)
  }

  const contact = history.visitor
  const hasContact = contact !== null && (contact.phone !== '' || contact.address !== '')
  return (
    <Card
      size="small"
      data-testid="history-panel"
      title={
        <span>
          <HistoryOutlined /> {t('history.title')}
        </span>
      }
    >
      <Alert type="warning" showIcon message={t('history.found', { count: history.visits.length })} style={{ marginBottom: 12 }} />
      {hasContact && (
        <div style={{ marginBottom: 12 }} data-testid="history-contact">
          <Typography.Paragraph style={{ marginBottom: 6 }}>
            {t('history.lastContact', {
              phone: contact.phone === '' ? t('history.noPhone') : maskPhone(contact.phone),
              address: contact.address === '' ? t('history.noAddress') : contact.address,
            })}
          </Typography.Paragraph>
          <Button
            onClick={() => {
              onUseContact(contact.phone, contact.address)
              setContactUsed(true)
            }}
          >
            {t('history.useContact')}
          </Button>
          {contactUsed && (
            <Typography.Text type="success" style={{ marginLeft: 12 }}>
              {t('history.contactUsed')}
            </Typography.Text>
          )}
        </div>
      )}
      <Table
        size="small"
        rowKey="caseNumber"
        pagination={false}
        dataSource={history.visits}
        // Dates, case numbers and the routing on one line; a long category is cut, whole in a tooltip.
        columns={[
          { title: t('history.date'), dataIndex: 'registeredAt', width: 100, className: 'nowrap', render: (v: string) => formatDate(v, hall.timeZone) },
          { title: t('history.caseNumber'), dataIndex: 'caseNumber', width: 160, className: 'nowrap' },
          { title: t('history.category'), dataIndex: 'category', ellipsis: { showTitle: false }, render: (v: string) => <OneLine text={v} /> },
          { title: t('history.routing'), dataIndex: 'routing', width: 96, className: 'nowrap', render: (v: PriorVisit['routing']) => t(`routing.${v}`) },
        ]}
      />
      <div style={{ marginTop: 12 }}>
        <Button onClick={use}>{t('history.useAsStart')}</Button>
        {used && (
          <Typography.Text type="success" style={{ marginLeft: 12 }}>
            {t('history.used')}
          </Typography.Text>
        )}
      </div>
    </Card>
  )
}
