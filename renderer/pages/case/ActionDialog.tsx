import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd'
import { useEffect, useState } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { ClockKey } from '../../../shared/cases/clocks'
import type { CaseAction } from '../../../shared/cases/machine'
import { SATISFACTION } from '../../../shared/cases/machine'
import { writtenDate } from '../../../shared/deadlines'
import { LIMITS } from '../../../shared/domain'
import type { CaseDetail } from '../../../shared/cases/types'
import type { CaseStep, CaseStepInput } from '../../../shared/cases/schemas'
import { caseStepSchema } from '../../../shared/cases/schemas'
import { call, errorText } from '../../api/client'
import { useRpcQuery } from '../../api/queries'
import { ChoiceButtons } from '../../forms/ChoiceButtons'
import { FieldItem } from '../../forms/FieldItem'
import { applyServerErrors } from '../../forms/messages'

/** The empty form of each step. */
function blank(action: CaseAction, extensionMax = 30): CaseStepInput {
  switch (action) {
    case 'assign':
      return { action, unitId: 0, note: '' }
    case 'transfer':
    case 'reject':
      return { action, body: '', contact: '', reason: '' }
    case 'extend':
      return { action, days: extensionMax, reason: '', lateReason: '' }
    case 'close':
    case 'review':
    case 'recheck':
      return { action, result: '' }
    case 'followUp':
      return { action, satisfaction: 'satisfied', note: '' }
    case 'leader':
      return { action, leaderName: '', note: '' }
    case 'link':
      return { action, caseNumber: '', note: '' }
    case 'requestReview':
    case 'requestRecheck':
      return { action, note: '', lateReason: '' }
    case 'start':
    case 'resume':
    case 'plan':
    case 'pause':
    case 'note':
      return { action, note: '' }
  }
}

interface Props {
  detail: CaseDetail
  action: CaseAction | null
  extensionMax: number
  onClose: () => void
  onDone: (detail: CaseDetail) => void
}

/** One step on a case (交办, 延期, 办结, 回访…), with the fields that step needs. */
export function ActionDialog({ detail, action, extensionMax, onClose, onDone }: Props) {
  const { t } = useTranslation()
  const units = useRpcQuery('units.list', { includeRetired: false }, { enabled: action === 'assign' }).data ?? []
  const [error, setError] = useState<string | null>(null)
  const form = useForm<CaseStepInput, unknown, CaseStep>({ resolver: zodResolver(caseStepSchema), defaultValues: blank(action ?? 'note') })
  const current = useWatch({ control: form.control, name: 'action' })

  useEffect(() => {
    if (action === null) return
    form.reset(blank(action, extensionMax))
    setError(null)
  }, [action, form, extensionMax])

  const submit = form.handleSubmit(async (step) => {
    const r = await call('cases.act', { caseNumber: detail.caseNumber, step })
    if (r.ok) return onDone(r.value)
    if (!applyServerErrors(form.setError, r.error)) setError(errorText(r.error))
  })

  const c = form.control
  // A step after its period ended (DESIGN §3): warned, and a written reason is required.
  const watched = current === 'extend' ? 'handling' : current === 'requestReview' ? 'reviewRequest' : current === 'requestRecheck' ? 'recheckRequest' : null
  const lateClock = watched === null ? undefined : detail.clocks.find((k) => k.key === watched && k.due !== null && k.daysLeft !== null && k.daysLeft < 0)
  const lateField = lateClock?.due != null && (
    <>
      <Alert type="warning" showIcon role="alert" style={{ marginBottom: 12 }} message={t('case.late.warning', { clock: t(`case.clocks.${lateClock.key as ClockKey}`), due: writtenDate(lateClock.due) })} />
      <FieldItem control={c} name="lateReason" label={t('case.fields.lateReason')} required>
        {(f) => <Input.TextArea {...f} maxLength={LIMITS.reason} autoSize={{ minRows: 2, maxRows: 6 }} />}
      </FieldItem>
    </>
  )
  const noteField = (label: string, required = false) => (
    <FieldItem control={c} name="note" label={label} required={required}>
      {(f) => <Input.TextArea {...f} autoFocus={!['assign', 'leader', 'link', 'followUp'].includes(current)} maxLength={LIMITS.answer} autoSize={{ minRows: 3, maxRows: 8 }} />}
    </FieldItem>
  )
  const resultField = (label: string) => (
    <FieldItem control={c} name="result" label={label} required>
      {(f) => <Input.TextArea {...f} autoFocus maxLength={LIMITS.answer} autoSize={{ minRows: 4, maxRows: 10 }} />}
    </FieldItem>
  )

  return (
    <Modal
      open={action !== null}
      title={action ? `${t(`case.actions.${action}`)} · ${detail.caseNumber}` : ''}
      okText={t('case.submit')}
      cancelText={t('intake.cancel')}
      confirmLoading={form.formState.isSubmitting}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" component="div">
        {current === 'assign' && (
          <>
            <FieldItem control={c} name="unitId" label={t('case.fields.unit')} required>
              {(f) => (
                <Select
                  id={f.id}
                  autoFocus
                  value={f.value === 0 ? undefined : (f.value)}
                  onChange={(v: number) => f.onChange(v)}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={units.map((u) => ({ value: u.id, label: u.name }))}
                />
              )}
            </FieldItem>
            {noteField(t('case.fields.note'))}
          </>
        )}
        {(current === 'transfer' || current === 'reject') && (
          <>
            <FieldItem control={c} name="body" label={t('case.fields.body')} required>
              {(f) => <Input {...f} autoFocus maxLength={LIMITS.body} placeholder={t('routing.bodyPlaceholder')} />}
            </FieldItem>
            {/* 不予受理告知书 prints how to reach the competent body (required); a 转送 may give it too. */}
            <FieldItem control={c} name="contact" label={current === 'reject' ? t('routing.contact') : t('routing.contactOptional')} required={current === 'reject'}>
              {(f) => <Input {...f} value={f.value ?? ''} maxLength={LIMITS.body} placeholder={t('routing.contactPlaceholder')} />}
            </FieldItem>
            <FieldItem control={c} name="reason" label={t('case.fields.reason')} required>
              {(f) => <Input.TextArea {...f} maxLength={LIMITS.answer} autoSize={{ minRows: 3 }} />}
            </FieldItem>
          </>
        )}
        {current === 'extend' && (
          <>
            <FieldItem control={c} name="days" label={`${t('case.fields.days')}（≤ ${extensionMax}）`} required>
              {/* No min/max: a typed 45 or 0 stays as typed and is refused with a message, never changed silently. */}
              {(f) => <InputNumber<number> id={f.id} autoFocus value={f.value} onChange={(v) => f.onChange(v)} precision={0} />}
            </FieldItem>
            <FieldItem control={c} name="reason" label={t('case.fields.reason')} required>
              {(f) => <Input.TextArea {...f} maxLength={LIMITS.answer} autoSize={{ minRows: 3 }} />}
            </FieldItem>
          </>
        )}
        {current === 'extend' && lateField}
        {current === 'close' && resultField(t('case.fields.result'))}
        {(current === 'review' || current === 'recheck') && resultField(t('case.fields.opinion'))}
        {current === 'followUp' && (
          <>
            <FieldItem control={c} name="satisfaction" label={t('case.fields.satisfaction')} required>
              {(f) => <ChoiceButtons id={f.id} value={f.value} onChange={f.onChange} options={SATISFACTION.map((s) => ({ value: s, label: t(`case.satisfaction.${s}`) }))} />}
            </FieldItem>
            {noteField(t('case.fields.note'))}
          </>
        )}
        {current === 'plan' && noteField(t('case.fields.plan'), true)}
        {current === 'pause' && noteField(t('case.fields.reason'), true)}
        {current === 'note' && noteField(t('case.fields.note'), true)}
        {(current === 'requestReview' || current === 'requestRecheck') && lateField}
        {(current === 'start' || current === 'requestReview' || current === 'requestRecheck' || current === 'resume') && noteField(t('case.fields.note'))}
        {current === 'leader' && (
          <>
            <FieldItem control={c} name="leaderName" label={t('case.fields.leaderName')} required>
              {(f) => <Input {...f} autoFocus maxLength={LIMITS.name} />}
            </FieldItem>
            {noteField(t('case.fields.note'))}
          </>
        )}
        {current === 'link' && (
          <>
            <FieldItem control={c} name="caseNumber" label={t('case.fields.caseNumber')} required>
              {(f) => <Input {...f} autoFocus maxLength={32} placeholder="WH-20261101-0003" />}
            </FieldItem>
            {noteField(t('case.fields.note'))}
          </>
        )}
      </Form>
    </Modal>
  )
}
