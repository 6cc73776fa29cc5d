import { Alert, Button, Typography } from 'antd'
import { useState } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import { useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { OPEN_STATUSES } from '../../../shared/cases/machine'
import type { IntakeInput, IntakeValues } from '../../../shared/intake/schemas'
import { useConfirmedMatter } from './matter-state'

/**
 * The routing step, once a matter is confirmed: after 复核 it says the matter is not accepted
 * again and proposes 不予受理 with the reason and the visitor's standing written out; while the
 * matter is handled it proposes recording the visit on the open case, naming unit and due date.
 * The receptionist applies the proposal or routes otherwise; registration refuses anything but
 * 不予受理 on a matter after 复核.
 */
export function MatterProposal({ form }: { form: UseFormReturn<IntakeInput, unknown, IntakeValues> }) {
  const { t } = useTranslation()
  const [c] = useConfirmedMatter()
  const matterCaseNumber = useWatch({ control: form.control, name: 'matterCaseNumber' }) ?? ''
  const [applied, setApplied] = useState(false)
  if (c === null || matterCaseNumber !== c.caseNumber) return null

  const apply = (routing: 'rejected' | 'resolved', reason: string, body: string) => {
    form.setValue('routing', routing, { shouldDirty: true, shouldValidate: true })
    form.setValue('routingReason', reason, { shouldDirty: true, shouldValidate: true })
    form.setValue('routingBody', body, { shouldDirty: true })
    setApplied(true)
  }
  const action = (onClick: () => void) => (
    <Button type="primary" onClick={onClick} data-testid="matter-apply">
      {t('matter.propose.apply')}
    </Button>
  )
  const done = applied ? <Typography.Text type="success">{t('matter.propose.applied')}</Typography.Text> : null

  if (c.noFurtherAcceptance) {
    const date = c.recheckedOn ?? ''
    return (
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="matter-proposal"
        message={t('matter.propose.noFurtherTitle', { caseNumber: c.caseNumber })}
        description={
          <>
            <div>{t('matter.propose.noFurtherBody', { date })}</div>
            {done}
          </>
        }
        action={action(() => apply('rejected', t('matter.propose.noFurtherReason', { caseNumber: c.caseNumber, date }), t('matter.propose.noFurtherBodyText')))}
      />
    )
  }
  if (OPEN_STATUSES.includes(c.status)) {
    const params = { caseNumber: c.caseNumber, unit: c.unit ?? t('matter.propose.hallUnit'), due: c.dueDate ?? t('matter.propose.noDue') }
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="matter-proposal"
        message={t('matter.propose.openTitle', params)}
        description={
          <>
            <div>{t('matter.propose.openBody', params)}</div>
            {done}
          </>
        }
        action={action(() => apply('resolved', t('matter.propose.openResult', params), ''))}
      />
    )
  }
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="matter-proposal"
      message={t('matter.propose.closedTitle', { caseNumber: c.caseNumber, status: t(`case.status.${c.status}`) })}
      description={t('matter.propose.closedBody')}
    />
  )
}
