import { LinkOutlined } from '@ant-design/icons'
import { App, Button, Card, Empty, Select, Space, Tag, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import { useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { MatterCandidatesInput } from '../../../shared/matters/schemas'
import type { MatterCandidate, MatterCandidates, MatterReason } from '../../../shared/matters/types'
import type { Category } from '../../../shared/intake/types'
import type { IntakeInput, IntakeValues } from '../../../shared/intake/schemas'
import { call, errorText } from '../../api/client'
import { useApp } from '../../app-context'
import { formatDate } from '../../format'
import { newIntakeId, useConfirmedMatter } from './matter-state'

type Form = UseFormReturn<IntakeInput, unknown, IntakeValues>

/** Typing settles for this long before the desk compares again. */
const SETTLE_MS = 400
/** A check that failed is tried again after this long. */
const RETRY_MS = 2000

const REASON_COLOR: Record<MatterReason['kind'], string> = {
  idNumber: 'red',
  namePhone: 'volcano',
  nameAddress: 'orange',
  representative: 'purple',
  text: 'blue',
}

/** The label of one reason: 同一身份证号 / 同名同电话 / 诉求相似 82%. */
export function useReasonLabel() {
  const { t } = useTranslation()
  return (r: MatterReason) =>
    r.kind === 'text'
      ? t('matter.reasons.text', { similarity: r.similarity })
      : r.kind === 'representative'
        ? t('matter.reasons.representative', { name: r.name })
        : t(`matter.reasons.${r.kind}`)
}

/** What the form holds now, as the candidates query takes it. */
function useQueryInput(form: Form): MatterCandidatesInput {
  const { control } = form
  const visitor = useWatch({ control, name: 'visitor' })
  const kind = useWatch({ control, name: 'kind' })
  const representatives = useWatch({ control, name: 'representatives' })
  const categoryId = useWatch({ control, name: 'categoryId' })
  const facts = useWatch({ control, name: 'answers.facts.text' })
  const demands = useWatch({ control, name: 'answers.demands.text' })
  const intakeId = useWatch({ control, name: 'intakeId' }) ?? ''
  return {
    intakeId,
    name: visitor.name,
    noId: visitor.noId,
    idNumber: visitor.noId ? '' : visitor.idNumber,
    phone: visitor.phone,
    address: visitor.address,
    representatives: kind === 'group' ? representatives.map((r) => r.name).filter((n) => n.trim() !== '') : [],
    categoryId,
    facts,
    demands,
  }
}

/**
 * 同一事项比对 (issue #16): while the visitor and the five answers are filled in, the earlier
 * cases that may be the same matter, each with the reasons it matched, ranked; the
 * receptionist confirms one (同一事项) or rejects it (不是同一事项). Nothing is linked otherwise.
 */
export function MatterPanel({ form, categories, showCategory }: { form: Form; categories: Category[]; showCategory: boolean }) {
  const { t } = useTranslation()
  const { hall } = useApp()
  const { message } = App.useApp()
  const input = useQueryInput(form)
  const reasonLabel = useReasonLabel()
  const matterCaseNumber = useWatch({ control: form.control, name: 'matterCaseNumber' }) ?? ''
  const [, setConfirmed] = useConfirmedMatter()
  const [found, setFound] = useState<MatterCandidates | null>(null)
  const [checking, setChecking] = useState(false)
  const [failed, setFailed] = useState(false)
  const [revision, setRevision] = useState(0)

  // Every reception gets its id when it starts (kept in the draft with the rest of the form).
  useEffect(() => {
    if (input.intakeId === '') form.setValue('intakeId', newIntakeId())
  }, [form, input.intakeId])

  const key = JSON.stringify(input)
  useEffect(() => {
    const query = JSON.parse(key) as MatterCandidatesInput
    if (query.intakeId === '') return
    let live = true
    setChecking(true)
    let retry: ReturnType<typeof setTimeout> | undefined
    const timer = setTimeout(() => {
      void call('matters.candidates', query).then((r) => {
        if (!live) return
        setChecking(false)
        setFailed(!r.ok)
        if (r.ok) setFound(r.value)
        // A check that did not finish (the host busy, the hall's server away) is tried again.
        else retry = setTimeout(() => setRevision((n) => n + 1), RETRY_MS)
      })
    }, SETTLE_MS)
    return () => {
      live = false
      clearTimeout(timer)
      clearTimeout(retry)
    }
  }, [key, revision])

  // The confirmed candidate, for the routing step's proposal.
  useEffect(() => {
    const c = found?.candidates.find((x) => x.caseNumber === matterCaseNumber) ?? null
    if (matterCaseNumber === '' || c !== null) setConfirmed(c)
  }, [found, matterCaseNumber, setConfirmed])

  const decide = useCallback(
    async (c: MatterCandidate, decision: 'same' | 'different') => {
      const r = await call('matters.decide', {
        intakeId: input.intakeId,
        caseNumber: c.caseNumber,
        decision,
        reasons: c.reasons.map((x) => (x.kind === 'text' ? `text:${x.similarity}` : x.kind)),
      })
      if (!r.ok) {
        void message.error(t('matter.failed', { message: errorText(r.error) }))
        return
      }
      if (decision === 'same') {
        form.setValue('matterCaseNumber', c.caseNumber, { shouldDirty: true })
        setConfirmed(c)
        void message.success(t('matter.confirmedDone'))
      } else {
        if (matterCaseNumber === c.caseNumber) {
          form.setValue('matterCaseNumber', '', { shouldDirty: true })
          setConfirmed(null)
        }
        void message.info(t('matter.rejectedDone'))
      }
      setRevision((n) => n + 1)
    },
    [form, input.intakeId, matterCaseNumber, message, setConfirmed, t],
  )

  const list = found?.candidates ?? []
  const threshold = found?.threshold ?? 60
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      data-testid="matter-panel"
      title={
        <span>
          <LinkOutlined /> {t('matter.title')}
        </span>
      }
      extra={
        checking ? (
          <Typography.Text type="secondary">{t('matter.checking')}</Typography.Text>
        ) : failed ? (
          <Typography.Text type="warning">{t('matter.retrying')}</Typography.Text>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('matter.hint')}
      </Typography.Paragraph>
      {showCategory && (
        <Space style={{ marginBottom: 8 }} wrap>
          <Typography.Text>{t('matter.category')}</Typography.Text>
          <Select
            value={input.categoryId === 0 ? undefined : input.categoryId}
            onChange={(v: number) => form.setValue('categoryId', v, { shouldDirty: true })}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('matter.categoryPlaceholder')}
            options={categories.map((c) => ({ value: c.id, label: c.name }))}
            style={{ width: 400 }}
            aria-label={t('matter.category')}
          />
        </Space>
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {found?.textCompared === true ? t('matter.textCompared', { threshold }) : t('matter.textWaiting', { threshold })}
      </Typography.Paragraph>
      {list.length === 0 ? (
        // 未发现 only after a comparison that finished: not while the first one runs, nor after one that failed.
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={found === null || failed ? t('matter.unknown') : t('matter.none')} />
      ) : (
        <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('matter.title')}>
          {list.map((c) => {
            const confirmed = c.caseNumber === matterCaseNumber
            return (
              <li
                key={c.caseNumber}
                data-testid="matter-candidate"
                style={{ borderTop: '1px solid #f0f0f0', padding: '10px 0', background: confirmed ? '#f6ffed' : undefined }}
              >
                <Space wrap size={[8, 4]}>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {c.caseNumber}
                  </Typography.Text>
                  {c.reasons.map((r) => (
                    <Tag key={r.kind} color={REASON_COLOR[r.kind]} style={{ fontSize: 14 }}>
                      {reasonLabel(r)}
                    </Tag>
                  ))}
                  {c.noFurtherAcceptance && <Tag color="error">{t('matter.noFurther')}</Tag>}
                  {confirmed && <Tag color="success">{t('matter.confirmed')}</Tag>}
                </Space>
                <div style={{ marginTop: 4 }}>
                  <Typography.Text type="secondary">
                    {[
                      c.maskedIdNumber === '' ? c.visitorName : `${c.visitorName}（${c.maskedIdNumber}）`,
                      t('matter.registeredOn', { date: formatDate(c.registeredAt, hall.timeZone) }),
                      c.category,
                      t(`case.status.${c.status}`),
                      c.dueDate === null ? null : t('matter.unitDue', { unit: c.unit ?? t('matter.propose.hallUnit'), due: c.dueDate }),
                      c.repeatVisits > 0 ? t('matter.repeats', { count: c.repeatVisits }) : null,
                    ]
                      .filter((x) => x !== null)
                      .join(' · ')}
                  </Typography.Text>
                </div>
                <div>{c.demands}</div>
                <Space style={{ marginTop: 6 }}>
                  {!confirmed && (
                    <Button type="primary" onClick={() => void decide(c, 'same')}>
                      {t('matter.same')}
                    </Button>
                  )}
                  <Button onClick={() => void decide(c, 'different')}>{t('matter.different')}</Button>
                </Space>
              </li>
            )
          })}
        </ol>
      )}
    </Card>
  )
}
