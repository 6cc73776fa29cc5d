import { FileTextOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NoticeKind } from '../../../shared/domain'
import type { PrintRecord } from '../../../shared/receipts/types'
import type { CaseDetail } from '../../../shared/cases/types'
import { useApp } from '../../app-context'
import { formatDateTime } from '../../format'
import { ReceiptDialog } from '../receipt/ReceiptDialog'

/**
 * 告知书 on the case page: the notice that fits the step just taken (受理 → 受理告知书, 延期 →
 * 延期告知书 …) offered first, the others the case can be given, and every notice printed.
 */
export function NoticesCard({ detail, onPrinted }: { detail: CaseDetail; onPrinted: () => void }) {
  const { t } = useTranslation()
  const { hall } = useApp()
  const [open, setOpen] = useState<NoticeKind | null>(null)
  const { suggested, available } = detail.notices
  const printed = detail.prints.filter((p) => p.document !== 'receipt')
  const title = (k: NoticeKind) => t(`notice.titles.${k}`)
  const others = available.filter((k) => k !== suggested)

  return (
    <Card title={t('case.sections.notices')} size="small" data-testid="case-notices">
      {open !== null && (
        <ReceiptDialog
          caseNumber={detail.caseNumber}
          document={open}
          open
          onClose={() => {
            setOpen(null)
            onPrinted()
          }}
        />
      )}
      {suggested !== null && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('case.noticeDue', { title: title(suggested) })}
          // Under the sentence, not beside it: beside, the narrow card broke the sentence a word a line.
          description={
            <Button type="primary" icon={<FileTextOutlined />} onClick={() => setOpen(suggested)} data-testid="notice-suggested" style={{ marginTop: 4, maxWidth: '100%', height: 'auto', minHeight: 40, whiteSpace: 'normal', textAlign: 'start' }}>
              {t('case.noticeOpen', { title: title(suggested) })}
            </Button>
          }
        />
      )}
      {others.length > 0 && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('case.noticeOthers')}</Typography.Text>
          {others.map((k) => (
            <Button key={k} size="small" onClick={() => setOpen(k)}>
              {title(k)}
            </Button>
          ))}
        </Space>
      )}
      <Table<PrintRecord>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={printed}
        locale={{ emptyText: t('case.noticesNone') }}
        columns={[
          { title: t('case.noticeName'), dataIndex: 'document', render: (v: NoticeKind) => title(v) },
          // Kept on one line each: the column is narrow beside the visitor's details.
          { title: t('print.copyNo'), dataIndex: 'copyNo', render: (v: number) => <span style={{ whiteSpace: 'nowrap' }}>{t('receipt.copy', { n: v })}</span> },
          {
            title: `${t('print.who')} · ${t('print.when')}`,
            key: 'who',
            render: (_: unknown, r) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {r.userName} · {formatDateTime(r.requestedAt, hall.timeZone)}
              </span>
            ),
          },
          {
            title: t('print.result'),
            dataIndex: 'status',
            render: (v: PrintRecord['status'], r) => (
              <Tag color={v === 'succeeded' ? 'green' : v === 'failed' ? 'red' : 'default'} title={t(`print.targets.${r.target}`)}>
                {t(`print.statuses.${v}`)}
              </Tag>
            ),
          },
        ]}
      />
    </Card>
  )
}
