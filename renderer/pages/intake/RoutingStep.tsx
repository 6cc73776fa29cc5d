import { Descriptions, Input, Select, Typography } from 'antd'
import type { UseFormReturn } from 'react-hook-form'
import { useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { LIMITS, ROUTINGS, ROUTINGS_NEEDING_BODY } from '../../../shared/domain'
import { maskIdNumber, normalizeIdNumber } from '../../../shared/id-number'
import type { Category } from '../../../shared/intake/types'
import { useRpcQuery } from '../../api/queries'
import type { IntakeInput, IntakeValues } from '../../../shared/intake/schemas'
import { ChoiceButtons } from '../../forms/ChoiceButtons'
import { FieldItem } from '../../forms/FieldItem'
import { AnswersProgress } from './AnswersStep'

/** 诉求类别 and the routing chosen now, with a last look at what will be registered. */
export function RoutingStep({ form, categories }: { form: UseFormReturn<IntakeInput, unknown, IntakeValues>; categories: Category[] }) {
  const { t } = useTranslation()
  const visitor = useWatch({ control: form.control, name: 'visitor' })
  const kind = useWatch({ control: form.control, name: 'kind' })
  const headcount = useWatch({ control: form.control, name: 'headcount' })
  const routing = useWatch({ control: form.control, name: 'routing' })
  const units = useRpcQuery('units.list', { includeRetired: false }, { enabled: routing === 'assigned' }).data ?? []
  return (
    <div>
      <FieldItem control={form.control} name="categoryId" label={t('routing.category')} required>
        {(f) => (
          <Select
            id={f.id}
            value={f.value === 0 ? undefined : f.value}
            onChange={(v: number) => f.onChange(v)}
            onBlur={f.onBlur}
            ref={f.ref}
            autoFocus
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('routing.categoryPlaceholder')}
            options={categories.map((c) => ({ value: c.id, label: c.name }))}
            style={{ maxWidth: 420 }}
            aria-label={t('routing.category')}
          />
        )}
      </FieldItem>
      <FieldItem control={form.control} name="routing" label={t('routing.routing')} required>
        {(f) => <ChoiceButtons id={f.id} value={f.value} onChange={f.onChange} size="large" options={ROUTINGS.map((r) => ({ value: r, label: t(`routing.${r}`) }))} />}
      </FieldItem>
      {routing === 'assigned' && (
        <FieldItem control={form.control} name="unitId" label={t('case.fields.unit')} required>
          {(f) => (
            <Select
              id={f.id}
              value={f.value === 0 ? undefined : f.value}
              onChange={(v: number) => f.onChange(v)}
              showSearch={{ optionFilterProp: 'label' }}
              options={units.map((u) => ({ value: u.id, label: u.name }))}
              style={{ maxWidth: 420 }}
            />
          )}
        </FieldItem>
      )}
      {routing === 'resolved' && (
        <FieldItem control={form.control} name="routingReason" label={t('routing.result')} required>
          {(f) => <Input.TextArea {...f} maxLength={LIMITS.reason} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('routing.resultPlaceholder')} />}
        </FieldItem>
      )}
      {routing !== null && ROUTINGS_NEEDING_BODY.includes(routing) && (
        <>
          <Typography.Paragraph type="warning">{t('routing.bodyHint')}</Typography.Paragraph>
          <FieldItem control={form.control} name="routingBody" label={t('routing.body')} required>
            {(f) => <Input {...f} maxLength={LIMITS.body} placeholder={t('routing.bodyPlaceholder')} />}
          </FieldItem>
          <FieldItem control={form.control} name="routingContact" label={routing === 'rejected' ? t('routing.contact') : t('routing.contactOptional')} required={routing === 'rejected'}>
            {(f) => <Input {...f} maxLength={LIMITS.body} placeholder={t('routing.contactPlaceholder')} />}
          </FieldItem>
          <FieldItem control={form.control} name="routingReason" label={t('routing.reason')} required>
            {(f) => <Input.TextArea {...f} maxLength={LIMITS.reason} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('routing.reasonPlaceholder')} />}
          </FieldItem>
        </>
      )}
      <Descriptions bordered size="small" column={2} style={{ marginTop: 8, marginBottom: 16 }}>
        <Descriptions.Item label={t('visitor.name')}>{visitor.name}</Descriptions.Item>
        <Descriptions.Item label={t('visitor.idNumber')}>
          {visitor.noId ? t('app.labelled', { label: t('visitor.noId'), value: visitor.noIdReason }) : maskIdNumber(normalizeIdNumber(visitor.idNumber))}
        </Descriptions.Item>
        <Descriptions.Item label={t('visitor.kind')}>
          {kind === 'group' ? `${t('visitor.group')} · ${headcount ?? '?'}` : t('visitor.individual')}
        </Descriptions.Item>
        <Descriptions.Item label={t('visitor.phone')}>{visitor.phone}</Descriptions.Item>
      </Descriptions>
      <AnswersProgress form={form} />
    </div>
  )
}
