import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons'
import { Alert, App, Button, Modal, Segmented, Space, Spin, Table, Tag, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PrintDocument, ReceiptLayout } from '../../../shared/domain'
import { RECEIPT_LAYOUTS } from '../../../shared/domain'
import type { PrintRecord, ReceiptPreview } from '../../../shared/receipts/types'
import { call, errorText } from '../../api/client'
import { useApp } from '../../app-context'
import { formatDateTime } from '../../format'
import { printInBrowser } from './print-in-browser'

interface Props {
  caseNumber: string
  open: boolean
  onClose: () => void
  /** A notice (告知书) instead of the 回执: same preview, print, 补打 and PDF; A4 or A5 only. */
  document?: PrintDocument
}

/** 回执预览: the receipt as it will print, with print, reprint (补打) and save-as-PDF. */
export function ReceiptDialog({ caseNumber, open, onClose, document = 'receipt' }: Props) {
  const { t } = useTranslation()
  const { hall, session } = useApp()
  const { message } = App.useApp()
  const notice = document !== 'receipt'
  const layouts = notice ? RECEIPT_LAYOUTS.filter((l) => l !== 'thermal80') : RECEIPT_LAYOUTS
  const [layout, setLayout] = useState<ReceiptLayout>(notice && hall.receiptLayout === 'thermal80' ? 'a4' : hall.receiptLayout)
  const paper = { caseNumber, layout, document }
  const [preview, setPreview] = useState<ReceiptPreview | null>(null)
  const [history, setHistory] = useState<PrintRecord[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'print' | 'pdf' | null>(null)
  const officer = session.role !== 'receptionist'

  const load = useCallback(async () => {
    const r = await call('receipts.preview', paper)
    if (r.ok) {
      setPreview(r.value)
      setError(null)
    } else {
      setPreview(null)
      setError(errorText(r.error))
    }
    if (officer) {
      const h = await call('receipts.history', { caseNumber })
      if (h.ok) setHistory(h.value.filter((p) => p.document === document))
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `paper` is made of these three
  }, [caseNumber, layout, document, officer])

  useEffect(() => {
    if (open) void load()
  }, [open, load])

  const report = (record: PrintRecord) => {
    if (record.status === 'failed') void message.error(t('print.failed', { reason: record.failureReason ?? '' }))
    else if (record.target === 'pdf') void message.success(t('print.saved', { n: record.copyNo }))
    else void message.success(t('print.printed', { n: record.copyNo }))
  }

  const print = async () => {
    // A receptionist's second print: said in words, not as an error (补打 is a duty officer's).
    if (preview !== null && !preview.mayPrint) {
      void message.info(t('print.reprintByOfficer'))
      return
    }
    setBusy('print')
    try {
      if (preview?.direct) {
        const r = await call('receipts.print', paper)
        if (r.ok) report(r.value)
        else setError(errorText(r.error))
      } else {
        const r = await call('receipts.browserPrint', paper)
        if (!r.ok) {
          setError(errorText(r.error))
          return
        }
        void message.info(t('print.browserDialog', { n: r.value.copyNo }))
        await printInBrowser(r.value.html)
        await call('receipts.complete', { printId: r.value.printId })
      }
    } finally {
      setBusy(null)
      await load()
    }
  }

  const savePdf = async () => {
    setBusy('pdf')
    const r = await call('receipts.savePdf', paper)
    setBusy(null)
    if (!r.ok) setError(errorText(r.error))
    else if (r.value === null) void message.info(t('print.cancelled'))
    else report(r.value)
    await load()
  }

  const reprint = preview !== null && preview.nextCopyNo > 1 && preview.mayPrint
  const printedAlready = preview !== null && !preview.mayPrint
  return (
    <Modal
      open={open}
      onCancel={onClose}
      width={980}
      title={`${notice ? t('print.noticePreview', { title: t(`notice.titles.${document}`) }) : t('print.preview')} · ${caseNumber}`}
      footer={
        <Space>
          <Button onClick={onClose}>{t('print.close')}</Button>
          {preview?.direct && (
            <Button icon={<FilePdfOutlined />} disabled={busy !== null} loading={busy === 'pdf'} onClick={() => void savePdf()}>
              {busy === 'pdf' ? t('busy.savingPdf') : t('print.savePdf')}
            </Button>
          )}
          <Button type="primary" icon={<PrinterOutlined />} loading={busy === 'print'} disabled={preview === null || busy === 'pdf'} onClick={() => void print()}>
            {busy === 'print' ? t('print.printing') : reprint || printedAlready ? (notice ? t('print.reprintNotice') : t('print.reprint')) : t('print.print')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>{t('print.layout')}</Typography.Text>
          <Segmented<ReceiptLayout>
            value={layout}
            onChange={setLayout}
            options={layouts.map((l) => ({ value: l, label: notice ? t(`print.noticeLayouts.${l}`) : t(`print.layouts.${l}`) }))}
          />
          {reprint && <Tag color="orange">{t('receipt.reprint')} · {t('receipt.copy', { n: preview.nextCopyNo })}</Tag>}
        </Space>
        {printedAlready && <Alert type="info" showIcon data-testid="reprint-by-officer" message={t('print.reprintByOfficer')} />}
        {error && <Alert type="error" showIcon message={error} role="alert" />}
        {preview === null && error === null && (
          <Space data-testid="preview-loading">
            <Spin />
            <Typography.Text type="secondary">{t('busy.previewing')}</Typography.Text>
          </Space>
        )}
        {preview !== null && (
          <iframe
            title={t('print.preview')}
            data-testid="receipt-preview"
            sandbox="allow-same-origin"
            srcDoc={preview.html}
            style={{ width: '100%', height: layout === 'thermal80' ? 760 : 620, border: '1px solid #d9d9d9', background: '#fff' }}
          />
        )}
        {officer && (
          <Table<PrintRecord>
            size="small"
            rowKey="id"
            pagination={false}
            title={() => t('print.history')}
            locale={{ emptyText: t('print.historyEmpty') }}
            dataSource={history}
            columns={[
              { title: t('print.when'), dataIndex: 'requestedAt', render: (v: string) => formatDateTime(v, hall.timeZone) },
              { title: t('print.copyNo'), dataIndex: 'copyNo' },
              { title: t('print.who'), dataIndex: 'userName' },
              { title: t('print.target'), dataIndex: 'target', render: (v: PrintRecord['target'], r) => `${t(`print.targets.${v}`)}${r.printer ? ` · ${r.printer}` : ''}` },
              {
                title: t('print.result'),
                dataIndex: 'status',
                render: (v: PrintRecord['status'], r) => (
                  <Tag color={v === 'succeeded' ? 'green' : v === 'failed' ? 'red' : 'default'}>
                    {r.failureReason ? t('app.labelled', { label: t(`print.statuses.${v}`), value: r.failureReason }) : t(`print.statuses.${v}`)}
                  </Tag>
                ),
              },
            ]}
          />
        )}
      </Space>
    </Modal>
  )
}
