import { Button, Input, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UnitRow } from '../../../shared/hall-data/types'
import { call, errorText } from '../../api/client'
import { useRpcQuery } from '../../api/queries'

interface Props {
  kind: 'units' | 'categories'
  onMessage: (ok: boolean, text: string) => void
}

/** Responsible units or demand categories: add, rename, retire and restore. */
export function NamedList({ kind, onMessage }: Props) {
  const { t } = useTranslation()
  const units = useRpcQuery('units.list', { includeRetired: true }, { enabled: kind === 'units' })
  const categories = useRpcQuery('categories.listAll', {}, { enabled: kind === 'categories' })
  const list = kind === 'units' ? units : categories
  const [name, setName] = useState('')
  const [editing, setEditing] = useState<{ id: number; name: string } | null>(null)

  const report = async (r: { ok: true } | { ok: false; error: Parameters<typeof errorText>[0] }) => {
    onMessage(r.ok, r.ok ? t('hallData.saved') : errorText(r.error))
    if (r.ok) await list.refetch()
  }
  const add = async () => {
    const r = kind === 'units' ? await call('units.add', { name }) : await call('categories.add', { name })
    if (r.ok) setName('')
    await report(r)
  }
  const update = async (row: UnitRow, changes: Partial<UnitRow>) => {
    const input = { id: row.id, name: changes.name ?? row.name, retired: changes.retired ?? row.retired }
    const r = kind === 'units' ? await call('units.update', input) : await call('categories.update', input)
    if (r.ok) setEditing(null)
    await report(r)
  }

  return (
    <>
      <Space.Compact style={{ marginBottom: 12, width: 480 }}>
        <Input value={name} maxLength={100} placeholder={t('hallData.name')} aria-label={`${t(`hallData.${kind}`)} ${t('hallData.name')}`} onChange={(e) => setName(e.target.value)} onPressEnter={() => void add()} />
        <Button type="primary" onClick={() => void add()}>
          {t('hallData.add')}
        </Button>
      </Space.Compact>
      <Table<UnitRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list.data ?? []}
        loading={list.isPending}
        columns={[
          {
            title: t('hallData.name'),
            dataIndex: 'name',
            render: (v: string, row) =>
              editing?.id === row.id ? (
                <Input
                  autoFocus
                  value={editing.name}
                  onChange={(e) => setEditing({ id: row.id, name: e.target.value })}
                  onPressEnter={() => void update(row, { name: editing.name })}
                  onBlur={() => setEditing(null)}
                />
              ) : (
                v
              ),
          },
          { title: t('users.status'), dataIndex: 'retired', render: (v: boolean) => (v ? <Tag>{t('hallData.retired')}</Tag> : <Tag color="green">{t('hallData.active')}</Tag>) },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, row) => (
              <Space>
                <Button size="small" onMouseDown={(e) => e.preventDefault()} onClick={() => setEditing({ id: row.id, name: row.name })}>
                  {t('hallData.rename')}
                </Button>
                <Button size="small" onClick={() => void update(row, { retired: !row.retired })}>
                  {row.retired ? t('hallData.restore') : t('hallData.retire')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </>
  )
}
