import { UploadOutlined } from '@ant-design/icons'
import { Alert, Button, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HolidayRow } from '../../../shared/hall-data/types'
import type { RulesImpact } from '../../../shared/settings/types'
import { call, errorText } from '../../api/client'
import { queryClient, rpcKey, useRpcQuery } from '../../api/queries'

/** The holiday calendar every deadline is counted on: days off and adjusted working days. */
export function HolidayList({ onMessage, estimatedYears }: { onMessage: (ok: boolean, text: string) => void; estimatedYears: number[] }) {
  const { t } = useTranslation()
  const list = useRpcQuery('holidays.list', {})
  const [draft, setDraft] = useState<HolidayRow>({ date: '', kind: 'holiday', name: '' })

  const done = (r: { ok: true; value: HolidayRow[] } | { ok: false; error: Parameters<typeof errorText>[0] }, text: string) => {
    // The change's answer is the calendar as it now stands.
    if (r.ok) queryClient.setQueryData(rpcKey('holidays.list', {}), r.value)
    onMessage(r.ok, r.ok ? text : errorText(r.error))
  }
  // A change applies to cases registered afterwards; when it would move open cases' deadlines,
  // the admin chooses first whether they move too (DESIGN §3).
  const [pending, setPending] = useState<{ impact: RulesImpact; run: (apply: boolean) => Promise<void> } | null>(null)
  const ask = async (change: { put?: HolidayRow[]; remove?: string[]; csv?: string }, run: (apply: boolean) => Promise<void>) => {
    const impact = await call('holidays.impact', { put: change.put ?? [], remove: change.remove ?? [], ...(change.csv === undefined ? {} : { csv: change.csv }) })
    if (!impact.ok) return onMessage(false, errorText(impact.error))
    if (impact.value.moved === 0) return run(false)
    setPending({ impact: impact.value, run })
  }
  const choose = async (apply: boolean) => {
    const p = pending
    setPending(null)
    if (p !== null) await p.run(apply)
  }
  const put = () => ask({ put: [draft] }, async (apply) => done(await call('holidays.put', { ...draft, applyToOpenCases: apply }), t('hallData.saved')))
  const remove = (date: string) => ask({ remove: [date] }, async (apply) => done(await call('holidays.remove', { date, applyToOpenCases: apply }), t('hallData.saved')))
  const importCsv = async (file: File) => {
    const csv = await file.text()
    await ask({ csv }, async (apply) => {
      const r = await call('holidays.import', { csv, applyToOpenCases: apply })
      done(r, r.ok ? t('hallData.imported', { n: r.value.length }) : '')
    })
  }

  return (
    <>
      <Modal
        open={pending !== null}
        title={t('hallData.impactTitle')}
        onCancel={() => setPending(null)}
        footer={[
          <Button key="new" onClick={() => void choose(false)}>
            {t('hallData.onlyNewCases')}
          </Button>,
          <Button key="open" type="primary" onClick={() => void choose(true)}>
            {t('hallData.alsoOpenCases', { moved: pending?.impact.moved ?? 0 })}
          </Button>,
        ]}
      >
        {pending !== null && t('hallData.impactText', { open: pending.impact.openCases, moved: pending.impact.moved })}
      </Modal>
      {estimatedYears.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('hallData.estimated', { years: estimatedYears.join(t('app.enumSeparator')) })} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input placeholder="2026-10-01" aria-label={t('hallData.date')} value={draft.date} style={{ width: 140 }} onChange={(e) => setDraft({ ...draft, date: e.target.value })} />
        <Select<HolidayRow['kind']>
          value={draft.kind}
          onChange={(kind) => setDraft({ ...draft, kind })}
          style={{ width: 140 }}
          options={[
            { value: 'holiday', label: t('hallData.holiday') },
            { value: 'workday', label: t('hallData.workday') },
          ]}
        />
        <Input placeholder={t('hallData.holidayName')} aria-label={t('hallData.holidayName')} value={draft.name} style={{ width: 160 }} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        <Button type="primary" onClick={() => void put()}>
          {t('hallData.add')}
        </Button>
        <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={(file) => (void importCsv(file), false)}>
          <Button icon={<UploadOutlined />}>{t('hallData.importCsv')}</Button>
        </Upload>
        <Typography.Text type="secondary">{t('hallData.importHelp')}</Typography.Text>
      </Space>
      <Table<HolidayRow>
        rowKey="date"
        size="small"
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={{ pageSize: 40, hideOnSinglePage: true }}
        columns={[
          { title: t('hallData.date'), dataIndex: 'date' },
          { title: t('hallData.kind'), dataIndex: 'kind', render: (v: string) => (v === 'holiday' ? <Tag color="red">{t('hallData.holiday')}</Tag> : <Tag color="blue">{t('hallData.workday')}</Tag>) },
          { title: t('hallData.holidayName'), dataIndex: 'name' },
          {
            title: '',
            key: 'remove',
            render: (_: unknown, row) => (
              <Button size="small" danger onClick={() => void remove(row.date)}>
                {t('hallData.remove')}
              </Button>
            ),
          },
        ]}
      />
    </>
  )
}
