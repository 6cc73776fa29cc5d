import { DeleteOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Input, InputNumber, Modal, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RETENTION_MONTHS } from '../../../shared/retention/schemas'
import type { RetentionDueCase } from '../../../shared/retention/types'
import { failureText, useRpcMutation, useRpcQuery } from '../../api/queries'
import { useApp } from '../../app-context'
import { formatDate } from '../../format'
import { OneLine } from '../case/CaseTable'

/**
 * 个人信息保存期限: the period, the closed cases past it, and their purge in two confirmed steps
 * (what goes and what stays; then the count typed). Nothing is purged without both.
 */
export function RetentionCard() {
  const { t } = useTranslation()
  const { hall } = useApp()
  const { message } = App.useApp()
  const due = useRpcQuery('retention.due', {})
  const update = useRpcMutation('retention.update')
  const purge = useRpcMutation('retention.purge')
  const [months, setMonths] = useState<number | null>(null)
  const [step, setStep] = useState<0 | 1 | 2>(0)
  const [typed, setTyped] = useState('')
  const data = due.data
  const cases = data?.cases ?? []
  const shownMonths = months ?? data?.months ?? RETENTION_MONTHS.default

  const saveMonths = () =>
    update.mutate(
      { months: shownMonths },
      {
        onSuccess: (r) => {
          setMonths(null)
          void message.success(t('retention.saved', { months: r.months }))
          void due.refetch()
        },
      },
    )

  const close = () => {
    setStep(0)
    setTyped('')
    purge.reset()
  }
  const confirmPurge = () =>
    purge.mutate(
      { caseNumbers: cases.map((c) => c.caseNumber), confirmCount: Number(typed.trim()) },
      {
        onSuccess: (r) => {
          close()
          void message.success(t('retention.purged', { count: r.purged }))
          void due.refetch()
        },
      },
    )

  return (
    <Card size="small" title={t('retention.title')} style={{ marginTop: 24 }} data-testid="retention-card">
      <Typography.Paragraph type="secondary">{t('retention.intro')}</Typography.Paragraph>
      {due.error !== null && <Alert type="error" showIcon message={failureText(due.error)} style={{ marginBottom: 12 }} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="retention-months">{t('retention.months')}</label>
        <InputNumber<number>
          id="retention-months"
          value={shownMonths}
          onChange={(v) => setMonths(v)}
          precision={0}
          style={{ width: 110 }}
          addonAfter={t('retention.monthsUnit')}
        />
        <Button onClick={saveMonths} loading={update.isPending} disabled={months === null || months === data?.months}>
          {t('retention.saveMonths')}
        </Button>
      </Space>
      {update.error !== null && <Alert type="error" showIcon message={failureText(update.error)} style={{ marginBottom: 12 }} role="alert" />}
      {data !== undefined && (
        <Typography.Paragraph data-testid="retention-summary">
          {t('retention.summary', { cutoff: data.cutoffDay, total: data.total, purged: data.purged })}
        </Typography.Paragraph>
      )}
      {cases.length > 0 && (
        <>
          <Table<RetentionDueCase>
            size="small"
            rowKey="caseNumber"
            dataSource={cases}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            data-testid="retention-table"
            columns={[
              { title: t('today.caseNumber'), dataIndex: 'caseNumber', width: 168, className: 'nowrap' },
              { title: t('retention.registered'), dataIndex: 'registeredAt', width: 110, className: 'nowrap', render: (v: string) => formatDate(v, hall.timeZone) },
              { title: t('retention.closed'), dataIndex: 'closedDay', width: 110, className: 'nowrap' },
              { title: t('today.category'), dataIndex: 'category', ellipsis: { showTitle: false }, render: (v: string) => <OneLine text={v} /> },
            ]}
          />
          <Button danger icon={<DeleteOutlined />} style={{ marginTop: 12 }} onClick={() => setStep(1)}>
            {t('retention.purge', { count: cases.length })}
          </Button>
        </>
      )}
      <Modal
        open={step === 1}
        title={t('retention.step1Title', { count: cases.length })}
        okText={t('retention.next')}
        cancelText={t('intake.cancel')}
        okButtonProps={{ danger: true }}
        onOk={() => setStep(2)}
        onCancel={close}
      >
        <Typography.Paragraph>{t('retention.goes')}</Typography.Paragraph>
        <Typography.Paragraph>{t('retention.stays')}</Typography.Paragraph>
      </Modal>
      <Modal
        open={step === 2}
        title={t('retention.step2Title')}
        okText={t('retention.confirm')}
        cancelText={t('intake.cancel')}
        okButtonProps={{ danger: true, disabled: typed.trim() === '', loading: purge.isPending }}
        onOk={confirmPurge}
        onCancel={close}
      >
        <Typography.Paragraph>{t('retention.typeCount', { count: cases.length })}</Typography.Paragraph>
        <Input aria-label={t('retention.countLabel')} value={typed} onChange={(e) => setTyped(e.target.value)} inputMode="numeric" autoFocus style={{ width: 160 }} />
        {purge.error !== null && <Alert type="error" showIcon message={failureText(purge.error)} style={{ marginTop: 12 }} role="alert" />}
      </Modal>
    </Card>
  )
}
