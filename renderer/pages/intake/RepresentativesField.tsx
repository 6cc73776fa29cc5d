import { PlusOutlined } from '@ant-design/icons'
import { Alert, Button, Form, Input, Space } from 'antd'
import { useState } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import { useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { LIMITS, MAX_REPRESENTATIVES } from '../../../shared/domain'
import type { IntakeInput, IntakeValues } from '../../../shared/intake/schemas'
import { messageText } from '../../forms/messages'

/** 代表: one to five names; asking for a sixth is refused with the rule that forbids it. */
export function RepresentativesField({ form }: { form: UseFormReturn<IntakeInput, unknown, IntakeValues> }) {
  const { t } = useTranslation()
  const names = useWatch({ control: form.control, name: 'representatives' })
  const [refused, setRefused] = useState(false)
  const errors = form.formState.errors.representatives
  const listError = errors?.message ?? errors?.root?.message

  const setNames = (next: string[]) => {
    form.setValue('representatives', next, { shouldDirty: true, shouldValidate: form.formState.isSubmitted })
  }
  const add = () => {
    if (names.length >= MAX_REPRESENTATIVES) {
      setRefused(true)
      return
    }
    setRefused(false)
    setNames([...names, ''])
  }

  return (
    <Form.Item label={t('visitor.representatives')} required extra={t('visitor.representativesHelp')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {names.map((name, i) => {
          const itemError = Array.isArray(errors) ? (errors[i] as { message?: string } | undefined)?.message : undefined
          return (
            <Space key={i} align="start">
              <Form.Item validateStatus={itemError ? 'error' : undefined} help={itemError ? messageText(t, itemError) : undefined} style={{ marginBottom: 0 }}>
                <Input
                  value={name}
                  maxLength={LIMITS.name}
                  placeholder={t('visitor.representativePlaceholder', { n: i + 1 })}
                  aria-label={t('visitor.representativePlaceholder', { n: i + 1 })}
                  onChange={(e) => setNames(names.map((n, j) => (j === i ? e.target.value : n)))}
                  style={{ width: 240 }}
                />
              </Form.Item>
              <Button
                onClick={() => {
                  setRefused(false)
                  setNames(names.filter((_, j) => j !== i))
                }}
              >
                {t('visitor.removeRepresentative')}
              </Button>
            </Space>
          )
        })}
        <Button icon={<PlusOutlined />} onClick={add}>
          {t('visitor.addRepresentative')}
        </Button>
        {refused && <Alert type="error" showIcon role="alert" message={t('v.representatives.tooMany')} />}
        {!refused && listError && <Alert type="error" showIcon role="alert" message={messageText(t, listError)} />}
      </Space>
    </Form.Item>
  )
}
