import { PrinterOutlined } from '@ant-design/icons'
import { Button, Result, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RegisterResult } from '../../../shared/intake/types'
import { useApp } from '../../app-context'
import { formatDateTime } from '../../format'
import { ReceiptDialog } from '../receipt/ReceiptDialog'
import { useAskRating } from '../queue/use-ask-rating'

/** Shown only after the main side committed the registration. */
export function RegisteredView({ result, onNext }: { result: RegisterResult; onNext: () => void }) {
  const { t } = useTranslation()
  const { hall } = useApp()
  const [receiptOpen, setReceiptOpen] = useState(false)
  useAskRating(result.caseNumber)
  return (
    <Result
      status="success"
      title={<span data-testid="registered-title">{t('intake.success')}</span>}
      subTitle={
        <div>
          <div>{t('intake.caseNumber')}</div>
          <Typography.Text className="case-number" copyable data-testid="case-number">
            {result.caseNumber}
          </Typography.Text>
          <div style={{ marginTop: 8 }}>{formatDateTime(result.registeredAt, hall.timeZone)}</div>
          <div>{t('intake.successBody')}</div>
        </div>
      }
      extra={
        <Space direction="vertical" align="center">
          <Space>
            <Button type="primary" size="large" icon={<PrinterOutlined />} autoFocus onClick={() => setReceiptOpen(true)}>
              {t('print.open')}
            </Button>
            <Button size="large" onClick={onNext}>
              {t('intake.newIntake')}
            </Button>
          </Space>
          <ReceiptDialog caseNumber={result.caseNumber} open={receiptOpen} onClose={() => setReceiptOpen(false)} />
        </Space>
      }
    />
  )
}
