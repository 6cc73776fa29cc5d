import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Form, Modal } from 'antd'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { UserRow } from '../../../shared/accounts/types'
import { resetPasswordSchema } from '../../../shared/accounts/schemas'
import { call, errorText } from '../../api/client'
import { enterAdvances } from '../../forms/enter-advances'
import { applyServerErrors } from '../../forms/messages'
import { NewPasswordFields } from './NewPasswordFields'

type ResetForm = z.input<typeof resetPasswordSchema>

interface Props {
  user: UserRow
  onClose: () => void
  onDone: (user: UserRow) => void
}

/** Sets a temporary password for another user; they must change it at the next sign-in. */
export function ResetPasswordDialog({ user, onClose, onDone }: Props) {
  const { t } = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const form = useForm<ResetForm, unknown, z.output<typeof resetPasswordSchema>>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { id: user.id, password: '', confirmPassword: '' },
  })

  const submit = form.handleSubmit(async (values) => {
    setError(null)
    const r = await call('users.resetPassword', values)
    if (r.ok) onDone(r.value)
    else if (!applyServerErrors(form.setError, r.error)) setError(errorText(r.error))
  })

  return (
    <Modal
      open
      title={t('users.resetTitle', { name: user.name, badgeNo: user.badgeNo })}
      okText={form.formState.isSubmitting ? t('busy.savingPassword') : t('users.resetPassword')}
      cancelText={t('intake.cancel')}
      onOk={() => void submit()}
      confirmLoading={form.formState.isSubmitting}
      onCancel={onClose}
    >
      <Alert type="info" showIcon message={t('users.resetHelp')} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" component="div" onKeyDown={(e) => enterAdvances(e) === 'end' && void submit()}>
        <NewPasswordFields control={form.control} label={t('users.tempPassword')} help={t('user.passwordHelp')} autoFocus />
      </Form>
    </Modal>
  )
}
