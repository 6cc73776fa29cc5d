import { CheckCircleFilled, ExclamationCircleOutlined } from '@ant-design/icons'
import { Card, Input, Progress, Segmented, Space, Tag, Typography } from 'antd'
import type { UseFormReturn } from 'react-hook-form'
import { useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { AnswerKey, AnswerMark } from '../../../shared/domain'
import { ANSWER_KEYS, LIMITS } from '../../../shared/domain'
import type { IntakeInput, IntakeValues } from '../../../shared/intake/schemas'
import { isAnswerDone } from '../../../shared/intake/schemas'
import { FieldItem } from '../../forms/FieldItem'

type MarkChoice = 'answered' | AnswerMark

/** Which of the five are done, always in view. */
export function AnswersProgress({ form }: { form: UseFormReturn<IntakeInput, unknown, IntakeValues> }) {
  const { t } = useTranslation()
  const answers = useWatch({ control: form.control, name: 'answers' })
  const done = ANSWER_KEYS.filter((k) => isAnswerDone(answers[k])).length
  return (
    <Space wrap data-testid="answers-progress">
      <Progress steps={5} percent={done * 20} showInfo={false} size={[28, 10]} />
      <Typography.Text strong>{t('answers.progress', { done })}</Typography.Text>
      {ANSWER_KEYS.map((k) => (
        <Tag
          key={k}
          color={isAnswerDone(answers[k]) ? 'success' : 'default'}
          icon={isAnswerDone(answers[k]) ? <CheckCircleFilled /> : <ExclamationCircleOutlined />}
          style={{ cursor: 'pointer', fontSize: 14 }}
          onClick={() => document.getElementById(`answer-${k}`)?.focus()}
        >
          {t(`answers.${k}.label`)}
        </Tag>
      ))}
    </Space>
  )
}

function AnswerField({ form, name, first }: { form: UseFormReturn<IntakeInput, unknown, IntakeValues>; name: AnswerKey; first: boolean }) {
  const { t } = useTranslation()
  const mark = useWatch({ control: form.control, name: `answers.${name}.mark` })
  const choice: MarkChoice = mark ?? 'answered'
  return (
    <Card size="small" style={{ marginBottom: 16 }} title={<span style={{ fontSize: 18 }}>{t(`answers.${name}.label`)}</span>}
      extra={
        <Segmented<MarkChoice>
          value={choice}
          onChange={(v) => {
            form.setValue(`answers.${name}.mark`, v === 'answered' ? null : v, { shouldDirty: true })
            form.clearErrors(`answers.${name}`)
          }}
          options={[
            { value: 'answered', label: t('answers.markNone') },
            { value: 'declined', label: t('answers.declined') },
            { value: 'unknown', label: t('answers.unknown') },
          ]}
        />
      }
    >
      <div className="answer-prompt">{t(`answers.${name}.prompt`)}</div>
      <FieldItem control={form.control} name={`answers.${name}.text`}>
        {(f) => (
          <Input.TextArea
            {...f}
            id={`answer-${name}`}
            aria-label={t(`answers.${name}.label`)}
            autoFocus={first}
            autoSize={{ minRows: 2, maxRows: 10 }}
            maxLength={LIMITS.answer}
            showCount
          />
        )}
      </FieldItem>
      {mark !== null && (
        <FieldItem control={form.control} name={`answers.${name}.reason`} label={t('answers.reason')} required>
          {(f) => <Input {...f} aria-label={`${t(`answers.${name}.label`)} ${t('answers.reason')}`} maxLength={LIMITS.reason} placeholder={t('answers.reasonPlaceholder')} />}
        </FieldItem>
      )}
    </Card>
  )
}

/** 五必问: five required answers, each with its guiding prompt. */
export function AnswersStep({ form }: { form: UseFormReturn<IntakeInput, unknown, IntakeValues> }) {
  return (
    <div>
      <div style={{ marginBottom: 16 }}>
        <AnswersProgress form={form} />
      </div>
      {ANSWER_KEYS.map((k, i) => (
        <AnswerField key={k} form={form} name={k} first={i === 0} />
      ))}
    </div>
  )
}
