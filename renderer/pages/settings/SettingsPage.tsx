import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { LIMITS, RECEIPT_LAYOUTS } from '../../../shared/domain'
import type { HallSettingsInput } from '../../../shared/settings/schemas'
import { hallSettingsSchema } from '../../../shared/settings/schemas'
import { call, errorText } from '../../api/client'
import { failureText, useRpcQuery } from '../../api/queries'
import { useApp } from '../../app-context'
import { FieldItem } from '../../forms/FieldItem'
import { enterAdvances } from '../../forms/enter-advances'
import { applyServerErrors } from '../../forms/messages'
import { DEFAULT_DEADLINE_RULES } from '../../../shared/deadlines'
import type { DeadlineRules } from '../../../shared/deadlines'
import { BackupCard } from './BackupCard'
import { RetentionCard } from './RetentionCard'
import { HallMoveCard } from './HallMoveCard'
import { QueueSettingsCard } from './QueueSettingsCard'
import { HallConnectionCard } from './HallConnectionCard'
import { RulesImpactNotice } from './RulesImpactNotice'

const RULE_KEYS = Object.keys(DEFAULT_DEADLINE_RULES) as (keyof DeadlineRules)[]

/** 大厅设置: the hall's contact details on receipts, the receipt layout and printer, the idle lock. */
export function SettingsPage() {
  const { t } = useTranslation()
  const { refresh } = useApp()
  const { message } = App.useApp()
  const settings = useRpcQuery('settings.get', {})
  const printers = useRpcQuery('receipts.printers', {}).data ?? null
  const [saveError, setError] = useState<string | null>(null)
  const [applyToOpenCases, setApplyToOpenCases] = useState(false)
  // The rules as saved: the notice counts the open cases a change of them would move.
  const savedRules = settings.data?.deadlineRules ?? null
  const error = failureText(settings.error) ?? saveError
  const form = useForm<HallSettingsInput, unknown, z.output<typeof hallSettingsSchema>>({
    resolver: zodResolver(hallSettingsSchema),
    defaultValues: { address: '', phone: '', receiptLayout: 'a4', receiptPrinter: null, idleLockMinutes: 10, backupFolder: '', backupKeepDays: 30, statsMonthStartDay: 1, matterSimilarity: 60, matterRecentDays: 90 },
  })

  const loaded = settings.data
  const hallName = loaded === undefined ? '' : `${loaded.name}（${loaded.code}）`
  // The form follows the settings as they change (another desk saved them) until the user types.
  useEffect(() => {
    if (loaded === undefined || form.formState.isDirty) return
    const { address, phone, receiptLayout, receiptPrinter, idleLockMinutes, name, code, backupFolder, backupKeepDays, statsMonthStartDay } = loaded
    form.reset({
      hallName: name,
      hallCode: code,
      showLabels: loaded.showLabels,
      address,
      phone,
      receiptLayout,
      receiptPrinter,
      idleLockMinutes,
      backupFolder: backupFolder ?? '',
      backupKeepDays,
      statsMonthStartDay,
      matterSimilarity: loaded.matterSimilarity,
      matterRecentDays: loaded.matterRecentDays,
      deadlineRules: loaded.deadlineRules,
    })
  }, [form, loaded])

  const save = form.handleSubmit(async (values) => {
    setError(null)
    const r = await call('settings.update', { ...values, applyToOpenCases })
    if (r.ok) {
      setApplyToOpenCases(false)
      void message.success(t('settings.saved'))
      // Saved: the form is clean again and follows the settings as they come back.
      form.reset(form.getValues())
      await refresh()
    } else if (!applyServerErrors(form.setError, r.error)) setError(errorText(r.error))
  })

  return (
    <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{t('settings.title')}</Typography.Title>} extra={hallName}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" component="div" onKeyDown={enterAdvances} style={{ maxWidth: 640 }}>
        <FieldItem control={form.control} name="hallName" label={t('setup.hallName')}>
          {(f) => <Input {...f} maxLength={60} />}
        </FieldItem>
        <FieldItem control={form.control} name="hallCode" label={t('setup.hallCode')} help={t('settings.codeHelp')}>
          {(f) => <Input {...f} maxLength={6} style={{ width: 160 }} />}
        </FieldItem>
        <Space wrap>
          {[0, 1, 2].map((i) => (
            <FieldItem key={i} control={form.control} name={`showLabels.${i as 0 | 1 | 2}`} label={t('settings.showLabel', { n: i + 1 })}>
              {(f) => <Input {...f} maxLength={10} style={{ width: 120 }} />}
            </FieldItem>
          ))}
        </Space>
        <FieldItem control={form.control} name="address" label={t('settings.hallAddress')}>
          {(f) => <Input {...f} maxLength={LIMITS.address} />}
        </FieldItem>
        <FieldItem control={form.control} name="phone" label={t('settings.hallPhone')}>
          {(f) => <Input {...f} maxLength={LIMITS.hallPhone} style={{ maxWidth: 280 }} />}
        </FieldItem>
        <FieldItem control={form.control} name="receiptLayout" label={t('print.layout')}>
          {(f) => (
            <Select id={f.id} value={f.value} onChange={f.onChange} style={{ maxWidth: 360 }} options={RECEIPT_LAYOUTS.map((l) => ({ value: l, label: t(`print.layouts.${l}`) }))} />
          )}
        </FieldItem>
        <FieldItem
          control={form.control}
          name="receiptPrinter"
          label={t('print.defaultPrinter')}
          help={printers?.direct ? t('print.noPrinter') : t('settings.noPrinters')}
        >
          {(f) => (
            <Select
              id={f.id}
              allowClear
              disabled={!printers?.direct}
              value={f.value ?? undefined}
              onChange={(v: string | undefined) => f.onChange(v ?? null)}
              style={{ maxWidth: 360 }}
              options={(printers?.printers ?? []).map((p) => ({ value: p.name, label: p.displayName }))}
            />
          )}
        </FieldItem>
        <FieldItem control={form.control} name="idleLockMinutes" label={t('settings.idleLock')} help={t('settings.idleLockHelp')}>
          {(f) => <InputNumber id={f.id} value={f.value} onChange={(v) => f.onChange(v ?? 0)} min={0} max={120} precision={0} />}
        </FieldItem>
        <Typography.Title level={5}>{t('settings.deadlines')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('settings.deadlinesHelp')}</Typography.Paragraph>
        <Space wrap size="large" style={{ marginBottom: 12 }}>
          {RULE_KEYS.map((key) => (
            <FieldItem key={key} control={form.control} name={`deadlineRules.${key}`} label={t(`settings.rules.${key}`)}>
              {/* No min/max and no default on clearing: what the admin typed stays, and is refused with a message when out of range. */}
              {(f) => <InputNumber<number> id={f.id} value={f.value} onChange={(v) => f.onChange(v)} precision={0} style={{ width: 110 }} />}
            </FieldItem>
          ))}
        </Space>
        <RulesImpactNotice saved={savedRules} proposed={form.watch('deadlineRules')} apply={applyToOpenCases} onApply={setApplyToOpenCases} />
        <FieldItem control={form.control} name="statsMonthStartDay" label={t('settings.monthStart')} help={t('settings.monthStartHelp')}>
          {(f) => <InputNumber id={f.id} value={f.value} onChange={(v) => f.onChange(v ?? 1)} min={1} max={28} precision={0} />}
        </FieldItem>
        <FieldItem control={form.control} name="matterSimilarity" label={t('settings.matterSimilarity')} help={t('settings.matterSimilarityHelp')}>
          {/* What the admin typed stays, and is refused with a message when out of range. */}
          {(f) => <InputNumber<number> id={f.id} value={f.value} onChange={(v) => f.onChange(v)} precision={0} style={{ width: 110 }} />}
        </FieldItem>
        <FieldItem control={form.control} name="matterRecentDays" label={t('settings.matterRecentDays')} help={t('settings.matterRecentDaysHelp')}>
          {(f) => <InputNumber<number> id={f.id} value={f.value} onChange={(v) => f.onChange(v)} precision={0} style={{ width: 110 }} />}
        </FieldItem>
        <FieldItem control={form.control} name="backupFolder" label={t('backup.folder')} help={t('backup.folderHelp')}>
          {(f) => <Input {...f} value={f.value ?? ''} placeholder="D:\\接访台备份" />}
        </FieldItem>
        <FieldItem control={form.control} name="backupKeepDays" label={t('backup.keepDays')}>
          {(f) => <InputNumber id={f.id} value={f.value} onChange={(v) => f.onChange(v ?? 30)} min={1} max={3650} precision={0} />}
        </FieldItem>
        <Button type="primary" size="large" loading={form.formState.isSubmitting} onClick={() => void save()}>
          {t('settings.save')}
        </Button>
      </Form>
      <QueueSettingsCard />
      <BackupCard />
      <RetentionCard />
      <HallMoveCard />
      <HallConnectionCard />
    </Card>
  )
}
