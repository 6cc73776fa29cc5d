import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, App, Button, Card, Form, Modal, Space, Steps, Typography } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { FieldErrors } from 'react-hook-form'
import { useForm, useFormState } from 'react-hook-form'
import { useTicketPrefill } from '../queue/use-ticket-prefill'
import { useTranslation } from 'react-i18next'
import type { Category, RegisterResult } from '../../../shared/intake/types'
import type { IntakeInput, IntakeValues } from '../../../shared/intake/schemas'
import { intakeSchema } from '../../../shared/intake/schemas'
import { newIntakeForm } from './draft-restore'
import { call, errorText } from '../../api/client'
import { useRpcQuery } from '../../api/queries'
import { useApp } from '../../app-context'
import { formatTime } from '../../format'
import { enterAdvances } from '../../forms/enter-advances'
import { applyServerErrors } from '../../forms/messages'
import { errorPaths, useErrorsFollowValues } from '../../forms/use-errors-follow-values'
import { AnswersStep } from './AnswersStep'
import { MatterPanel } from './MatterPanel'
import { MatterProposal } from './MatterProposal'
import { RegisteredView } from './RegisteredView'
import { RoutingStep } from './RoutingStep'
import { ShowsStep } from './ShowsStep'
import { useDraft } from './use-draft'
import { VisitorStep } from './VisitorStep'

/** One empty list while loading, so the steps below do not re-render for a new `[]` each time. */
const EMPTY_CATEGORIES: Category[] = []

const STEPS = ['shows', 'visitor', 'answers', 'routing'] as const
/** The form fields each step owns, for step-by-step validation. */
const STEP_FIELDS = [
  ['shows', 'showsConfirmedAt'],
  ['visitor', 'kind', 'headcount', 'representatives'],
  ['answers'],
  ['categoryId', 'routing', 'routingBody', 'routingContact', 'routingReason', 'unitId'],
] as const

function firstStepWithErrors(errors: FieldErrors<IntakeInput>): number {
  const index = STEP_FIELDS.findIndex((fields) => fields.some((f) => errors[f] !== undefined))
  return index < 0 ? 0 : index
}

/** 接访登记: 三亮 → 来访人 → 五必问 → 类别与办理 → 登记. */
export function IntakePage() {
  const { t } = useTranslation()
  const { hall } = useApp()
  const { message, modal } = App.useApp()
  const [step, setStep] = useState(0)
  const categories = useRpcQuery('categories.list', {}).data ?? EMPTY_CATEGORIES
  const [registered, setRegistered] = useState<RegisterResult | null>(null)
  const [pageError, setPageError] = useState<string | null>(null)
  // 登记 was tried with fields missing: "还有 N 项" then follows the form until nothing is missing.
  const [incomplete, setIncomplete] = useState(false)
  const submitting = useRef(false)
  // Our own flag, not formState.isSubmitting: that one can lag a state change behind when other
  // validation (the fields in error checked again) runs while 登记 does, and leave the button spinning.
  const [registering, setRegistering] = useState(false)
  const form = useForm<IntakeInput, unknown, IntakeValues>({
    resolver: zodResolver(intakeSchema),
    defaultValues: newIntakeForm(),
    mode: 'onTouched',
  })
  const checksSettled = useErrorsFollowValues(form)
  const missing = errorPaths(useFormState({ control: form.control }).errors).length
  const draft = useDraft(form, step, setStep)
  useTicketPrefill(form)

  const next = async () => {
    const ok = await form.trigger([...STEP_FIELDS[step]!], { shouldFocus: true })
    if (ok) setStep((s) => Math.min(s + 1, STEPS.length - 1))
  }

  const register = useCallback(async () => {
    if (submitting.current) return
    submitting.current = true
    setRegistering(true)
    setPageError(null)
    setIncomplete(false)
    // A re-check of a field in error may still run (the change just before 登记): let it end first.
    await checksSettled()
    await form.handleSubmit(
      async (values) => {
        await draft.save()
        const result = await call('intake.register', values)
        if (result.ok) {
          draft.forget()
          form.reset(newIntakeForm())
          setStep(0)
          setRegistered(result.value)
          return
        }
        if (applyServerErrors(form.setError, result.error)) {
          setStep(firstStepWithErrors(form.formState.errors))
        }
        setPageError(errorText(result.error))
      },
      (errors) => {
        setStep(firstStepWithErrors(errors))
        setIncomplete(true)
      },
    )().finally(() => {
      submitting.current = false
      setRegistering(false)
    })
  }, [checksSettled, draft, form])

  // Ctrl+S registers when the form is complete, and otherwise points at what is missing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault()
        if (registered === null && draft.state.phase === 'ready') void register()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [register, registered, draft.state.phase])

  if (registered !== null) return <RegisteredView result={registered} onNext={() => setRegistered(null)} />

  const clear = () => {
    modal.confirm({
      title: t('intake.clearConfirm'),
      okText: t('intake.confirm'),
      cancelText: t('intake.cancel'),
      onOk: async () => {
        form.reset(newIntakeForm())
        setStep(0)
        setIncomplete(false)
        await draft.discard()
        void message.info(t('intake.clear'))
      },
    })
  }

  const ds = draft.state
  const isLast = step === STEPS.length - 1
  return (
    <Card
      title={<Typography.Title level={3} style={{ margin: 0 }}>{t('intake.title')}</Typography.Title>}
      extra={
        <Space>
          {ds.phase === 'ready' && ds.saving && <Typography.Text type="secondary">{t('intake.draftSaving')}</Typography.Text>}
          {ds.phase === 'ready' && !ds.saving && ds.savedAt && (
            <Typography.Text type="secondary" data-testid="draft-status">
              {t('intake.draftSaved', { time: formatTime(ds.savedAt, hall.timeZone, true) })}
            </Typography.Text>
          )}
          {ds.phase === 'ready' && ds.error && <Typography.Text type="danger">{t('intake.draftFailed', { message: ds.error })}</Typography.Text>}
          <Button onClick={clear}>{t('intake.clear')}</Button>
        </Space>
      }
    >
      <Modal
        open={ds.phase === 'offer'}
        title={ds.phase === 'offer' ? t('intake.draftFound', { time: formatTime(ds.draft.updatedAt, hall.timeZone) }) : ''}
        okText={t('intake.draftRestore')}
        cancelText={t('intake.draftDiscard')}
        closable={false}
        maskClosable={false}
        keyboard={false}
        // Enter takes the draft back: nothing typed is lost by a hurried key press.
        okButtonProps={{ autoFocus: true }}
        onOk={draft.restore}
        onCancel={() =>
          modal.confirm({
            title: t('intake.discardConfirm'),
            content: t('intake.discardConfirmBody'),
            okText: t('intake.draftDiscard'),
            okButtonProps: { danger: true },
            cancelText: t('intake.discardBack'),
            autoFocusButton: 'cancel',
            onOk: () => draft.discard(),
          })
        }
      >
        {t('intake.draftFoundBody')}
      </Modal>
      <Steps
        current={step}
        onChange={(s) => s < step && setStep(s)}
        items={STEPS.map((s) => ({ title: t(`intake.steps.${s}`) }))}
        style={{ marginBottom: 24 }}
      />
      {pageError && <Alert type="error" showIcon message={pageError} style={{ marginBottom: 16 }} role="alert" />}
      {incomplete && missing > 0 && (
        <Alert type="error" showIcon message={t('intake.incomplete', { count: missing })} style={{ marginBottom: 16 }} role="alert" data-testid="intake-missing" />
      )}
      <Form layout="vertical" component="div">
        <div
          onKeyDown={(e) => {
            if (enterAdvances(e) === 'end' && !isLast) void next()
          }}
        >
          {ds.phase === 'ready' && step === 0 && <ShowsStep form={form} />}
          {ds.phase === 'ready' && step === 1 && <VisitorStep form={form} />}
          {ds.phase === 'ready' && step === 2 && <AnswersStep form={form} />}
          {ds.phase === 'ready' && step === 3 && <MatterProposal form={form} />}
          {ds.phase === 'ready' && step === 3 && <RoutingStep form={form} categories={categories} />}
          {ds.phase === 'ready' && step >= 1 && <MatterPanel form={form} categories={categories} showCategory={step < 3} />}
        </div>
        <Space style={{ marginTop: 16 }}>
          {step > 0 && <Button size="large" onClick={() => setStep(step - 1)}>{t('intake.previous')}</Button>}
          {!isLast && (
            <Button type="primary" size="large" onClick={() => void next()}>
              {t('intake.next')}
            </Button>
          )}
          {isLast && (
            // The spinner only for a 登记 that takes a while (DESIGN: progress past 300 ms): a check that
            // fails at once would flash it, and antd then leaves its invisible "loading" icon behind
            // in the button's accessible name.
            <Button type="primary" size="large" loading={registering && { delay: 300 }} onClick={() => void register()}>
              {t('intake.register')}
            </Button>
          )}
          <Typography.Text type="secondary">{t('intake.shortcut')}</Typography.Text>
        </Space>
      </Form>
    </Card>
  )
}
