import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Card, Divider, Form, Input, Space, Typography } from 'antd'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { setupSchema } from '../../../shared/accounts/schemas'
import { call, errorText } from '../../api/client'
import { FieldItem } from '../../forms/FieldItem'
import { enterAdvances } from '../../forms/enter-advances'
import { applyServerErrors } from '../../forms/messages'
import { LanguageSwitch } from '../shell/LanguageSwitch'
import type { RecoveryKeyInfo } from './RecoveryKeyCard'
import { RecoveryKeyCard } from './RecoveryKeyCard'

type SetupForm = z.input<typeof setupSchema>

/**
 * The first run: name the hall, give its code, create the first administrator; then keep the
 * recovery key. `onBack` returns to the first-run choice (单机使用 or 连接大厅数据库) where there is one.
 */
export function SetupPage({ onDone, defaultBackupFolder, onBack }: { onDone: () => Promise<void>; defaultBackupFolder: string; onBack?: () => void }) {
  const { t } = useTranslation()
  const [pageError, setPageError] = useState<string | null>(null)
  const [recovery, setRecovery] = useState<RecoveryKeyInfo | null>(null)
  const { control, handleSubmit, setError, formState } = useForm<SetupForm, unknown, z.output<typeof setupSchema>>({
    resolver: zodResolver(setupSchema),
    defaultValues: {
      hallName: '',
      hallCode: '',
      admin: { badgeNo: '', name: '', position: '', password: '', confirmPassword: '' },
      backupFolder: defaultBackupFolder,
    },
  })

  const submit = handleSubmit(async (values) => {
    setPageError(null)
    const result = await call('app.setup', values)
    if (result.ok) return setRecovery({ recoveryKey: result.value.recoveryKey, hallName: values.hallName, hallCode: values.hallCode })
    if (!applyServerErrors(setError, result.error)) setPageError(errorText(result.error))
  })

  if (recovery !== null) return <RecoveryKeyCard info={recovery} onDone={onDone} />

  return (
    <div className="center-page">
      <Card
        style={{ width: 640 }}
        title={<Typography.Title level={3} style={{ margin: 0 }}>{t('setup.title')}</Typography.Title>}
        extra={
          <Space>
            {onBack && (
              <Button type="link" onClick={onBack}>
                {t('hallConnection.back')}
              </Button>
            )}
            <LanguageSwitch />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
        {pageError && <Alert type="error" showIcon message={pageError} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" component="div" onKeyDown={enterAdvances}>
          <Divider titlePlacement="start">{t('setup.hall')}</Divider>
          <FieldItem control={control} name="hallName" label={t('setup.hallName')} required>
            {(f) => <Input {...f} autoFocus placeholder={t('setup.hallNamePlaceholder')} maxLength={60} />}
          </FieldItem>
          <FieldItem control={control} name="hallCode" label={t('setup.hallCode')} required help={t('setup.hallCodeHelp')}>
            {(f) => <Input {...f} maxLength={6} style={{ width: 160, textTransform: 'uppercase' }} />}
          </FieldItem>
          <FieldItem control={control} name="backupFolder" label={t('setup.backupFolder')} help={t('setup.backupFolderHelp')}>
            {(f) => <Input {...f} maxLength={500} />}
          </FieldItem>
          <Divider titlePlacement="start">{t('setup.admin')}</Divider>
          <FieldItem control={control} name="admin.badgeNo" label={t('user.badgeNo')} required>
            {(f) => <Input {...f} maxLength={20} autoComplete="off" />}
          </FieldItem>
          <FieldItem control={control} name="admin.name" label={t('user.name')} required>
            {(f) => <Input {...f} maxLength={50} />}
          </FieldItem>
          <FieldItem control={control} name="admin.position" label={t('user.position')} required>
            {(f) => <Input {...f} maxLength={40} />}
          </FieldItem>
          <FieldItem control={control} name="admin.password" label={t('user.password')} required help={t('user.passwordHelp')}>
            {(f) => <Input.Password {...f} autoComplete="new-password" />}
          </FieldItem>
          <FieldItem control={control} name="admin.confirmPassword" label={t('user.confirmPassword')} required>
            {(f) => <Input.Password {...f} autoComplete="new-password" />}
          </FieldItem>
          <Button type="primary" size="large" block loading={formState.isSubmitting} onClick={() => void submit()}>
            {formState.isSubmitting ? t('busy.settingUp') : t('setup.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  )
}
