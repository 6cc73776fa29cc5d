import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { changePasswordSchema } from '../../../shared/accounts/schemas'
import type { SessionInfo } from '../../../shared/accounts/types'
import { call, errorText } from '../../api/client'
import { FieldItem } from '../../forms/FieldItem'
import { enterAdvances } from '../../forms/enter-advances'
import { applyServerErrors } from '../../forms/messages'

/** Shown at the first sign-in with an initial password: nothing else opens until it is changed. */
export function ChangePasswordPage({ session, onDone }: { session: SessionInfo; onDone: () => Promise<void> }) {
  const { t } = useTranslation()
  const [error, setPageError] = useState<string | null>(null)
  const { control, handleSubmit, setError, formState } = useForm<z.input<typeof changePasswordSchema>, unknown, z.output<typeof changePasswordSchema>>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: '', password: '', confirmPassword: '' },
  })
  const submit = handleSubmit(async (values) => {
    setPageError(null)
    const result = await call('auth.changePassword', values)
    if (result.ok) return onDone()
    if (!applyServerErrors(setError, result.error)) setPageError(errorText(result.error))
    // Five wrong current passwords lock the account and end the session: back to sign-in.
    if (result.error.code === 'ACCOUNT_LOCKED') await onDone()
  })
  return (
    <div className="center-page">
      <Card style={{ width: 480 }} title={t('changePassword.title')}>
        <Typography.Paragraph>
          {t('shell.signedInAs', { name: session.name, position: session.position, badgeNo: session.badgeNo })}
        </Typography.Paragraph>
        <Alert type="info" showIcon message={t('changePassword.firstTime')} style={{ marginBottom: 16 }} />
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" component="div" onKeyDown={enterAdvances}>
          <FieldItem control={control} name="currentPassword" label={t('changePassword.current')} required>
            {(f) => <Input.Password {...f} autoFocus autoComplete="current-password" />}
          </FieldItem>
          <FieldItem control={control} name="password" label={t('changePassword.newPassword')} required help={t('user.passwordHelp')}>
            {(f) => <Input.Password {...f} autoComplete="new-password" />}
          </FieldItem>
          <FieldItem control={control} name="confirmPassword" label={t('changePassword.confirm')} required>
            {(f) => <Input.Password {...f} autoComplete="new-password" />}
          </FieldItem>
          <Button type="primary" size="large" block loading={formState.isSubmitting} onClick={() => void submit()}>
            {formState.isSubmitting ? t('busy.savingPassword') : t('changePassword.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  )
}
