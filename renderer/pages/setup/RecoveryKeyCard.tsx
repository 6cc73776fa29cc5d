import { PrinterOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Checkbox, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

export interface RecoveryKeyInfo {
  recoveryKey: string
  hallName: string
  hallCode: string
}

/**
 * Right after setup: the hall's 恢复密钥 (recovery key), shown this once. The administrator
 * prints it (only the card is printed) and confirms having kept it before going on.
 */
export function RecoveryKeyCard({ info, onDone }: { info: RecoveryKeyInfo; onDone: () => Promise<void> }) {
  const { t } = useTranslation()
  const [kept, setKept] = useState(false)
  const [going, setGoing] = useState(false)
  return (
    <div className="center-page">
      <Card className="recovery-sheet" style={{ width: 640 }} title={<Typography.Title level={3} style={{ margin: 0 }}>{t('setup.recoveryTitle')}</Typography.Title>}>
        <Typography.Paragraph>{t('setup.recoveryIntro')}</Typography.Paragraph>
        <Typography.Text type="secondary">{t('setup.recoveryHall', { name: info.hallName, code: info.hallCode })}</Typography.Text>
        <div className="recovery-key" aria-label={t('setup.recoveryKey')}>
          <Typography.Text type="secondary">{t('setup.recoveryKey')}</Typography.Text>
          <div data-testid="recovery-key" className="recovery-key-text">
            {info.recoveryKey}
          </div>
        </div>
        <Typography.Paragraph type="secondary">{t('setup.recoveryUse')}</Typography.Paragraph>
        <Alert className="recovery-no-print" type="warning" showIcon message={t('setup.recoveryOnce')} style={{ marginBottom: 16 }} />
        <Space className="recovery-no-print" direction="vertical" size="middle" style={{ width: '100%' }}>
          <Button icon={<PrinterOutlined />} size="large" onClick={() => window.print()}>
            {t('setup.recoveryPrint')}
          </Button>
          <Checkbox checked={kept} onChange={(e) => setKept(e.target.checked)}>
            {t('setup.recoveryKept')}
          </Checkbox>
          <Button
            type="primary"
            size="large"
            block
            disabled={!kept}
            loading={going}
            onClick={() => {
              setGoing(true)
              void onDone()
            }}
          >
            {t('setup.recoveryContinue')}
          </Button>
        </Space>
      </Card>
    </div>
  )
}
