import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, App, Button, Card, Form, InputNumber, Select, Space } from 'antd'
import { useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { QUEUE_DEFAULTS, VOICE_MODES } from '../../../shared/queue/domain'
import type { QueueSettings } from '../../../shared/queue/schemas'
import { queueSettingsSchema } from '../../../shared/queue/schemas'
import { call, errorText } from '../../api/client'
import { failureText, useRpcQuery } from '../../api/queries'
import { FieldItem } from '../../forms/FieldItem'
import { enterAdvances } from '../../forms/enter-advances'
import { applyServerErrors } from '../../forms/messages'
import { chineseVoice } from '../queue/announce'

type Minutes = 'priorityCap' | 'skipReturnMinutes' | 'serviceMinutes'

/**
 * 排队叫号设置: the 绿色通道 cap, the minutes a 过号 ticket may come back, the minutes per visitor
 * before today has served anyone, and the call sound; validated with the shared schema, audited.
 */
export function QueueSettingsCard() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const settings = useRpcQuery('queue.settings', {})
  const [saveError, setError] = useState<string | null>(null)
  const error = failureText(settings.error) ?? saveError
  const form = useForm<z.input<typeof queueSettingsSchema>, unknown, QueueSettings>({
    resolver: zodResolver(queueSettingsSchema),
    defaultValues: { ...QUEUE_DEFAULTS },
  })
  const loaded = settings.data
  // The form follows the settings as they change (another desk saved them) until the user types.
  useEffect(() => {
    if (loaded !== undefined && !form.formState.isDirty) form.reset(loaded)
  }, [form, loaded])

  const save = form.handleSubmit(async (values) => {
    setError(null)
    const r = await call('queue.updateSettings', values)
    if (r.ok) {
      void message.success(t('queue.settings.saved'))
      form.reset(r.value)
    } else if (!applyServerErrors(form.setError, r.error)) setError(errorText(r.error))
  })

  const voice = form.watch('voice')
  // What a hall screen opened on this computer would use (the setting says which is in use).
  const here = voice === 'chime' ? t('queue.screen.voiceChimeSet') : chineseVoice() !== null ? t('queue.screen.voiceSpeech') : t('queue.screen.voiceChime')
  const number = (name: Minutes, help?: string) => (
    <FieldItem control={form.control} name={name} label={t(`queue.settings.${name}`)} help={help}>
      {/* No min/max and no default on clearing: what the admin typed stays, and is refused with a message when out of range. */}
      {(f) => <InputNumber<number> id={f.id} value={f.value} onChange={(v) => f.onChange(v)} precision={0} style={{ width: 110 }} />}
    </FieldItem>
  )

  return (
    <Card size="small" title={t('queue.settings.title')} style={{ marginTop: 24 }} data-testid="queue-settings-card">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form layout="vertical" component="div" onKeyDown={enterAdvances} style={{ maxWidth: 640 }}>
        <Space wrap size="large" align="start" style={{ marginBottom: 24 }}>
          {number('priorityCap', t('queue.settings.priorityCapHelp'))}
          {number('skipReturnMinutes', t('queue.settings.skipReturnMinutesHelp'))}
          {number('serviceMinutes', t('queue.settings.serviceMinutesHelp'))}
        </Space>
        <FieldItem control={form.control} name="voice" label={t('queue.settings.voice')} help={<span data-testid="queue-voice-here">{t('queue.settings.voiceHere', { what: here })}</span>}>
          {(f) => (
            <Select
              id={f.id}
              value={f.value}
              onChange={f.onChange}
              style={{ width: '100%', maxWidth: 420 }}
              options={VOICE_MODES.map((m) => ({ value: m, label: t(m === 'auto' ? 'queue.settings.voiceAuto' : 'queue.settings.voiceChime') }))}
            />
          )}
        </FieldItem>
        <Button type="primary" style={{ marginTop: 16 }} loading={form.formState.isSubmitting} onClick={() => void save()}>
          {t('queue.settings.save')}
        </Button>
      </Form>
    </Card>
  )
}
