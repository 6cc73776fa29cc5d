import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { signInSchema } from '../../../shared/accounts/schemas'
import type { HallInfo } from '../../../shared/app/types'
import { call, errorText } from '../../api/client'
import { FieldItem, fieldId } from '../../forms/FieldItem'
import { enterAdvances } from '../../forms/enter-advances'
import { LanguageSwitch } from '../shell/LanguageSwitch'

/** 工号 and 密码, button 登录. */
export function SignInPage({ hall, onDone }: { hall: HallInfo; onDone: () => Promise<void> }) {
  const { t } = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const { control, handleSubmit, formState, resetField } = useForm<z.input<typeof signInSchema>, unknown, z.output<typeof signInSchema>>({
    resolver: zodResolver(signInSchema),
    defaultValues: { badgeNo: '', password: '' },
  })

  const submit = handleSubmit(async (values) => {
    setError(null)
    const result = await call('auth.signIn', values)
    if (result.ok) return onDone()
    resetField('password')
    setError(errorText(result.error))
  })

  return (
    <div className="center-page">
      <Card style={{ width: 440 }} extra={<LanguageSwitch />} title={t('app.title')}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {hall.name}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('signIn.hint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form
          layout="vertical"
          component="form"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.target as HTMLElement).id === fieldId('password')) {
              e.preventDefault()
              void submit()
            } else enterAdvances(e)
          }}
          onSubmitCapture={(e) => e.preventDefault()}
        >
          <FieldItem control={control} name="badgeNo" label={t('user.badgeNo')} required>
            {(f) => <Input {...f} autoFocus autoComplete="username" maxLength={20} />}
          </FieldItem>
          <FieldItem control={control} name="password" label={t('user.password')} required>
            {(f) => <Input.Password {...f} autoComplete="current-password" />}
          </FieldItem>
          <Button type="primary" size="large" block loading={formState.isSubmitting} onClick={() => void submit()}>
            {formState.isSubmitting ? t('busy.signingIn') : t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  )
}
