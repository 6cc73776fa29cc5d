import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Form, Input, Modal } from 'antd'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { revealSchema } from '../../../shared/cases/schemas'
import { call } from '../../api/client'
import { FieldItem } from '../../forms/FieldItem'
import { applyServerErrors } from '../../forms/messages'

const reasonSchema = revealSchema.pick({ reason: true })

/**
 * Asks why before a full ID number and phone are shown (PIPL): the reason goes into the audit
 * trail with who and when. Nothing is shown until the main side has recorded it.
 */
export function RevealDialog({
  caseNumber,
  onShown,
  onClose,
}: {
  caseNumber: string
  onShown: (identity: { idNumber: string | null; phone: string | null }) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { control, handleSubmit, setError, formState } = useForm<z.input<typeof reasonSchema>, unknown, z.output<typeof reasonSchema>>({
    resolver: zodResolver(reasonSchema),
    defaultValues: { reason: '' },
  })
  const submit = handleSubmit(async ({ reason }) => {
    const r = await call('cases.revealIdentity', { caseNumber, reason })
    if (r.ok) return onShown(r.value)
    if (!applyServerErrors(setError, r.error)) setError('reason', { message: r.error.message })
  })
  return (
    <Modal
      open
      title={t('security.revealTitle')}
      okText={t('security.revealSubmit')}
      cancelText={t('security.cancel')}
      confirmLoading={formState.isSubmitting}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon message={t('security.revealBody')} style={{ marginBottom: 16 }} />
      <Form layout="vertical" component="div">
        <FieldItem control={control} name="reason" label={t('security.revealReason')} required>
          {(f) => (
            <Input.TextArea
              {...f}
              autoFocus
              rows={2}
              maxLength={200}
              placeholder={t('security.revealReasonPlaceholder')}
              data-testid="reveal-reason"
            />
          )}
        </FieldItem>
      </Form>
    </Modal>
  )
}
