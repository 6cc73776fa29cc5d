import { LockOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Input, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '../../../shared/accounts/types'
import { call, errorText } from '../../api/client'

/** The idle or manual lock: the form is gone from the screen, its draft waits on the main side. */
export function LockScreen({ session, onDone }: { session: SessionInfo; onDone: () => Promise<void> }) {
  const { t } = useTranslation()
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const unlock = async () => {
    if (password === '') {
      setError(t('v.password.required'))
      return
    }
    setBusy(true)
    const result = await call('auth.unlock', { password })
    setBusy(false)
    setPassword('')
    if (result.ok) return onDone()
    setError(errorText(result.error))
    if (result.error.code === 'ACCOUNT_LOCKED') await onDone()
  }

  const signOut = async () => {
    await call('auth.signOut', {})
    await onDone()
  }

  return (
    <div className="center-page" style={{ background: '#1f2d3d' }}>
      <Card style={{ width: 440 }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            <LockOutlined /> {t('lock.title')}
          </Typography.Title>
          <Typography.Text>{t('lock.body', { name: session.name, badgeNo: session.badgeNo })}</Typography.Text>
          {error && <Alert type="error" showIcon message={error} />}
          <Input.Password
            autoFocus
            aria-label={t('lock.password')}
            placeholder={t('lock.password')}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            onPressEnter={() => void unlock()}
          />
          <Button type="primary" block loading={busy} onClick={() => void unlock()}>
            {busy ? t('busy.signingIn') : t('lock.unlock')}
          </Button>
          <Button block onClick={() => void signOut()}>
            {t('lock.signOut')}
          </Button>
        </Space>
      </Card>
    </div>
  )
}
