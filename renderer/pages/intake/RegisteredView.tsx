import { Button, Result, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { RegisterResult } from '../../../shared/rpc/types'
import { useApp } from '../../app-context'
import { formatDateTime } from '../../format'

/** Shown only after the main side committed the registration. */
export function RegisteredView({ result, onNext }: { result: RegisterResult; onNext: () => void }) {
  const { t } = useTranslation()
  const { hall } = useApp()
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
        <Button type="primary" size="large" autoFocus onClick={onNext}>
          {t('intake.newIntake')}
        </Button>
      }
    />
  )
}
