import { PlusOutlined } from '@ant-design/icons'
import { Alert, Button, Checkbox, Form, Input, Space, Typography } from 'antd'
import { useState } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import { useFieldArray, useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { LIMITS, MAX_REPRESENTATIVES } from '../../../shared/domain'
import { normalizeIdNumber } from '../../../shared/id-number'
import { emptyRepresentative } from '../../../shared/intake/representatives'
import type { IntakeInput, IntakeValues } from '../../../shared/intake/schemas'
import { FieldItem } from '../../forms/FieldItem'
import { messageText } from '../../forms/messages'

type IntakeForm = UseFormReturn<IntakeInput, unknown, IntakeValues>

/** One representative: 姓名, 身份证号 (or why there is none) and 联系电话, checked as the visitor's are. */
function Representative({ form, index, onRemove }: { form: IntakeForm; index: number; onRemove: () => void }) {
  const { t } = useTranslation()
  const { control } = form
  const noId = useWatch({ control, name: `representatives.${index}.noId` })
  const n = index + 1
  return (
    <div className="representative" data-testid={`representative-${n}`}>
      <Space align="baseline" className="representative-head">
        <Typography.Text strong>{t('visitor.representativeTitle', { n })}</Typography.Text>
        <Button size="small" onClick={onRemove}>
          {t('visitor.removeRepresentative')}
        </Button>
        <FieldItem control={control} name={`representatives.${index}.noId`}>
          {(f) => (
            <Checkbox
              id={f.id}
              checked={f.value}
              onChange={(e) => f.onChange(e.target.checked)}
              onBlur={f.onBlur}
              ref={f.ref}
              aria-label={t('visitor.representativeNoId', { n })}
              style={{ marginLeft: 8 }}
            >
              {t('visitor.noId')}
            </Checkbox>
          )}
        </FieldItem>
      </Space>
      <Space align="start" wrap size={[8, 0]}>
        <FieldItem control={control} name={`representatives.${index}.name`}>
          {(f) => <Input {...f} maxLength={LIMITS.name} placeholder={t('visitor.name')} aria-label={t('visitor.representativePlaceholder', { n })} style={{ width: 120 }} />}
        </FieldItem>
        {noId ? (
          <FieldItem control={control} name={`representatives.${index}.noIdReason`}>
            {(f) => <Input {...f} maxLength={LIMITS.reason} placeholder={t('visitor.noIdReason')} aria-label={t('visitor.representativeNoIdReason', { n })} style={{ width: 210 }} />}
          </FieldItem>
        ) : (
          <FieldItem control={control} name={`representatives.${index}.idNumber`}>
            {(f) => (
              <Input
                {...f}
                maxLength={24}
                placeholder={t('visitor.idNumber')}
                aria-label={t('visitor.representativeIdNumber', { n })}
                autoComplete="off"
                style={{ width: 210, fontFamily: 'monospace' }}
                onBlur={() => {
                  f.onChange(normalizeIdNumber(f.value))
                  f.onBlur()
                }}
              />
            )}
          </FieldItem>
        )}
        <FieldItem control={control} name={`representatives.${index}.phone`}>
          {(f) => <Input {...f} maxLength={LIMITS.phone} placeholder={t('visitor.phone')} aria-label={t('visitor.representativePhone', { n })} style={{ width: 140 }} />}
        </FieldItem>
      </Space>
    </div>
  )
}

/** 代表: one to five of them; asking for a sixth is refused with the rule that forbids it. */
export function RepresentativesField({ form }: { form: IntakeForm }) {
  const { t } = useTranslation()
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'representatives' })
  const [refused, setRefused] = useState(false)
  const errors = form.formState.errors.representatives
  // The list's own rules (at least one, at most five, no more than the headcount), not a row's.
  const listError = errors?.message ?? errors?.root?.message

  const add = () => {
    if (fields.length >= MAX_REPRESENTATIVES) {
      setRefused(true)
      return
    }
    setRefused(false)
    append(emptyRepresentative(), { shouldFocus: true })
  }

  return (
    <Form.Item label={t('visitor.representatives')} required extra={t('visitor.representativesHelp')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {fields.map((field, i) => (
          <Representative
            key={field.id}
            form={form}
            index={i}
            onRemove={() => {
              setRefused(false)
              remove(i)
            }}
          />
        ))}
        <Button icon={<PlusOutlined />} onClick={add}>
          {t('visitor.addRepresentative')}
        </Button>
        {refused && <Alert type="error" showIcon role="alert" message={t('v.representatives.tooMany')} />}
        {!refused && listError && <Alert type="error" showIcon role="alert" message={messageText(t, listError)} />}
      </Space>
    </Form.Item>
  )
}
