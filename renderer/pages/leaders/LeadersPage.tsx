import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, App, Button, Card, Form, Input, Select, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { LIMITS } from '../../../shared/domain'
import type { LeaderReception } from '../../../shared/cases/types'
import { leaderReceptionSchema } from '../../../shared/cases/schemas'
import { hallDate } from '../../../shared/time'
import { call, errorText } from '../../api/client'
import { useRpcQuery } from '../../api/queries'
import { useApp } from '../../app-context'
import { FieldItem } from '../../forms/FieldItem'
import { applyServerErrors } from '../../forms/messages'
import { caseHref } from '../case/CasePage'

type LeaderForm = z.input<typeof leaderReceptionSchema>

/** 领导接访: a leader's reception day and the cases received. */
export function LeadersPage() {
  const { t } = useTranslation()
  const { hall, session } = useApp()
  const { message } = App.useApp()
  const list = useRpcQuery('leaders.list', {})
  const [error, setError] = useState<string | null>(null)
  const officer = session.role !== 'receptionist'
  const empty = (): LeaderForm => ({ day: hallDate(new Date(), hall.timeZone), leaderName: '', leaderTitle: '', note: '', caseNumbers: [] })
  const form = useForm<LeaderForm, unknown, z.output<typeof leaderReceptionSchema>>({ resolver: zodResolver(leaderReceptionSchema), defaultValues: empty() })

  const submit = form.handleSubmit(async (values) => {
    setError(null)
    const r = await call('leaders.record', values)
    if (r.ok) {
      void message.success(t('leaders.recorded'))
      form.reset(empty())
      await list.refetch()
    } else if (!applyServerErrors(form.setError, r.error)) setError(errorText(r.error))
  })

  return (
    <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{t('leaders.title')}</Typography.Title>}>
      {officer && (
        <Card size="small" title={t('leaders.record')} style={{ marginBottom: 16 }}>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Form layout="inline" component="div" style={{ rowGap: 8 }}>
            <FieldItem control={form.control} name="day" label={t('leaders.day')} required>
              {(f) => <Input {...f} style={{ width: 130 }} />}
            </FieldItem>
            <FieldItem control={form.control} name="leaderName" label={t('leaders.leaderName')} required>
              {(f) => <Input {...f} maxLength={LIMITS.name} style={{ width: 120 }} />}
            </FieldItem>
            <FieldItem control={form.control} name="leaderTitle" label={t('leaders.leaderTitle')}>
              {(f) => <Input {...f} maxLength={LIMITS.position} style={{ width: 140 }} />}
            </FieldItem>
            <FieldItem control={form.control} name="caseNumbers" label={t('leaders.cases')}>
              {(f) => (
                <Select id={f.id} mode="tags" value={f.value} onChange={f.onChange} tokenSeparators={[',', ' ', '，']} placeholder={t('leaders.casesPlaceholder')} style={{ width: 320 }} open={false} />
              )}
            </FieldItem>
            <FieldItem control={form.control} name="note" label={t('leaders.note')}>
              {(f) => <Input {...f} maxLength={LIMITS.reason} style={{ width: 240 }} />}
            </FieldItem>
            <Button type="primary" onClick={() => void submit()} loading={form.formState.isSubmitting}>
              {t('leaders.record')}
            </Button>
          </Form>
        </Card>
      )}
      <Table<LeaderReception>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('leaders.empty') }}
        columns={[
          { title: t('leaders.day'), dataIndex: 'day' },
          { title: t('leaders.leaderName'), dataIndex: 'leaderName' },
          { title: t('leaders.leaderTitle'), dataIndex: 'leaderTitle' },
          { title: t('leaders.cases'), dataIndex: 'caseNumbers', render: (v: string[]) => v.map((n) => <Tag key={n}><a href={caseHref(n)}>{n}</a></Tag>) },
          { title: t('leaders.note'), dataIndex: 'note' },
        ]}
      />
    </Card>
  )
}
