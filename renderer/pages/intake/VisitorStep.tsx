import { Checkbox, Col, Input, InputNumber, Row, Typography } from 'antd'
import type { UseFormReturn } from 'react-hook-form'
import { useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { LIMITS } from '../../../shared/domain'
import { normalizeIdNumber, parseIdNumber } from '../../../shared/id-number'
import { emptyRepresentative } from '../../../shared/intake/representatives'
import type { IntakeInput, IntakeValues } from '../../../shared/intake/schemas'
import { ChoiceButtons } from '../../forms/ChoiceButtons'
import { FieldItem } from '../../forms/FieldItem'
import { HistoryPanel } from './HistoryPanel'
import { RepresentativesField } from './RepresentativesField'

/** 来访人: name, ID number (or the reason there is none), phone, address, individual or group. */
export function VisitorStep({ form }: { form: UseFormReturn<IntakeInput, unknown, IntakeValues> }) {
  const { t } = useTranslation()
  const { control } = form
  const noId = useWatch({ control, name: 'visitor.noId' })
  const idNumber = useWatch({ control, name: 'visitor.idNumber' })
  const kind = useWatch({ control, name: 'kind' })
  const parsed = parseIdNumber(idNumber)

  const applyHistory = (history: string, priorHandling: string) => {
    const append = (key: 'history' | 'priorHandling', text: string) => {
      const current = form.getValues(`answers.${key}.text`)
      form.setValue(`answers.${key}.text`, current.trim() === '' ? text : `${current}\n${text}`, { shouldDirty: true })
    }
    append('history', history)
    append('priorHandling', priorHandling)
  }

  const applyContact = (phone: string, address: string) => {
    const options = { shouldDirty: true, shouldValidate: true } as const
    if (phone !== '') form.setValue('visitor.phone', phone, options)
    if (address !== '') form.setValue('visitor.address', address, options)
  }

  return (
    <Row gutter={32}>
      <Col span={13}>
        <FieldItem control={control} name="visitor.name" label={t('visitor.name')} required>
          {(f) => <Input {...f} autoFocus maxLength={LIMITS.name} style={{ maxWidth: 320 }} />}
        </FieldItem>
        <FieldItem control={control} name="visitor.noId">
          {(f) => (
            <Checkbox id={f.id} checked={f.value} onChange={(e) => f.onChange(e.target.checked)} onBlur={f.onBlur} ref={f.ref}>
              {t('visitor.noId')}
            </Checkbox>
          )}
        </FieldItem>
        {noId ? (
          <FieldItem control={control} name="visitor.noIdReason" label={t('visitor.noIdReason')} required>
            {(f) => <Input {...f} maxLength={LIMITS.reason} placeholder={t('visitor.noIdReasonPlaceholder')} />}
          </FieldItem>
        ) : (
          <FieldItem
            control={control}
            name="visitor.idNumber"
            label={t('visitor.idNumber')}
            required
            extra={
              parsed.ok ? (
                <Typography.Text type="success" data-testid="id-derived">
                  {t('visitor.derived', { birthDate: parsed.birthDate, sex: t(`visitor.${parsed.sex}`) })}
                </Typography.Text>
              ) : undefined
            }
          >
            {(f) => (
              <Input
                {...f}
                maxLength={24}
                placeholder={t('visitor.idNumberPlaceholder')}
                style={{ maxWidth: 320, fontFamily: 'monospace', fontSize: 18 }}
                autoComplete="off"
                onBlur={() => {
                  f.onChange(normalizeIdNumber(f.value))
                  f.onBlur()
                }}
              />
            )}
          </FieldItem>
        )}
        <FieldItem control={control} name="visitor.phone" label={t('visitor.phone')}>
          {(f) => <Input {...f} maxLength={LIMITS.phone} placeholder={t('visitor.phonePlaceholder')} style={{ maxWidth: 320 }} />}
        </FieldItem>
        <FieldItem control={control} name="visitor.address" label={t('visitor.address')} required>
          {(f) => <Input {...f} maxLength={LIMITS.address} />}
        </FieldItem>
        <FieldItem control={control} name="kind" label={t('visitor.kind')} required>
          {(f) => (
            <ChoiceButtons
              id={f.id}
              value={f.value}
              onChange={(next) => {
                f.onChange(next)
                form.setValue('headcount', next === 'group' ? null : 1)
                form.setValue('representatives', next === 'group' ? [emptyRepresentative()] : [])
              }}
              options={[
                { value: 'individual', label: t('visitor.individual') },
                { value: 'group', label: t('visitor.group') },
              ]}
            />
          )}
        </FieldItem>
        {kind === 'group' && (
          <>
            <FieldItem control={control} name="headcount" label={t('visitor.headcount')} required>
              {(f) => <InputNumber id={f.id} value={f.value} onChange={(v) => f.onChange(v)} onBlur={f.onBlur} ref={f.ref} min={2} max={LIMITS.headcount} precision={0} style={{ width: 160 }} />}
            </FieldItem>
            <RepresentativesField form={form} />
          </>
        )}
      </Col>
      <Col span={11}>{!noId && <HistoryPanel idNumber={idNumber} onUse={applyHistory} onUseContact={applyContact} />}</Col>
    </Row>
  )
}
