import { Alert, Checkbox, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DeadlineRules } from '../../../shared/deadlines'
import { deadlineRulesSchema } from '../../../shared/deadlines'
import type { RulesImpact } from '../../../shared/settings/types'
import { call } from '../../api/client'

const same = (a: DeadlineRules, b: Partial<DeadlineRules>) => (Object.keys(a) as (keyof DeadlineRules)[]).every((k) => a[k] === b[k])

/**
 * Under the deadline fields, once they differ from the saved rules: how many open cases the change
 * would move, and the admin's choice to move them with it (DESIGN §3: a change applies to cases
 * registered afterwards, and to open ones only when chosen).
 */
export function RulesImpactNotice({
  saved,
  proposed,
  apply,
  onApply,
}: {
  saved: DeadlineRules | null
  proposed: Partial<DeadlineRules> | undefined
  apply: boolean
  onApply: (apply: boolean) => void
}) {
  const { t } = useTranslation()
  const [impact, setImpact] = useState<RulesImpact | null>(null)
  const parsed = deadlineRulesSchema.safeParse(proposed)
  const rules = parsed.success && saved !== null && !same(saved, parsed.data) ? parsed.data : null
  const key = rules === null ? '' : JSON.stringify(rules)

  useEffect(() => {
    setImpact(null)
    if (key === '') return
    let live = true
    const timer = setTimeout(() => {
      void call('settings.rulesImpact', { deadlineRules: JSON.parse(key) as DeadlineRules }).then((r) => {
        if (live && r.ok) setImpact(r.value)
      })
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [key])

  if (rules === null) return null
  if (impact === null) return <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('settings.rulesImpactChecking')} />
  if (impact.moved === 0) return <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('settings.rulesImpactNone', { open: impact.openCases })} />
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      message={t('settings.rulesImpact', { open: impact.openCases, moved: impact.moved })}
      description={
        <>
          <Checkbox checked={apply} onChange={(e) => onApply(e.target.checked)}>
            {t('settings.applyToOpen', { moved: impact.moved })}
          </Checkbox>
          {!apply && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {t('settings.applyToOpenOff')}
            </Typography.Paragraph>
          )}
        </>
      }
    />
  )
}
