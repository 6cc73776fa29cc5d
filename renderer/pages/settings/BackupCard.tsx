import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BackupFile } from '../../../shared/backup/types'
import { call, errorText } from '../../api/client'
import { useRpcQuery } from '../../api/queries'
import { useApp } from '../../app-context'
import { formatDateTime } from '../../format'

/** 备份与恢复: the last backup, a warning when it is old, back up now, restore a chosen one. */
export function BackupCard() {
  const { t } = useTranslation()
  const { hall, refresh } = useApp()
  // The hook's modal, not Modal.confirm: it takes the app's theme, locale and button settings.
  const { message, modal } = App.useApp()
  const backupStatus = useRpcQuery('backup.status', {})
  const list = useRpcQuery('backup.list', {})
  const status = backupStatus.data ?? null
  const files = list.data ?? []
  const [busy, setBusy] = useState(false)
  const load = () => Promise.all([backupStatus.refetch(), list.refetch()])

  const backupNow = async () => {
    setBusy(true)
    const r = await call('backup.now', {})
    setBusy(false)
    if (r.ok) void message.success(t('backup.done', { path: r.value.path }))
    else void message.error(errorText(r.error))
    await load()
  }

  const restore = (file: BackupFile) => {
    // The check and the copy take seconds on a big hall: the button says what it is doing meanwhile.
    const confirm = modal.confirm({
      title: t('backup.restore'),
      content: t('backup.restoreConfirm', { file: file.fileName }),
      okText: t('backup.restore'),
      okButtonProps: { danger: true },
      cancelText: t('intake.cancel'),
      onOk: async () => {
        confirm.update({ okText: t('busy.restoring') })
        const r = await call('backup.restore', { path: file.path })
        if (r.ok) {
          void message.success(t('backup.restored'))
          await refresh()
        } else void message.error(errorText(r.error))
      },
    })
  }

  return (
    <Card title={t('backup.title')} style={{ marginTop: 16 }} data-testid="backup-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        {status?.last ? (
          <Typography.Text>{t('backup.last', { time: formatDateTime(status.last.at, hall.timeZone) })}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('backup.never')}</Typography.Text>
        )}
        {status !== null && status.folder === null && <Alert type="warning" showIcon data-testid="backup-off" message={t('backup.off')} />}
        {status?.stale && status.folder !== null && <Alert type="warning" showIcon message={t('backup.stale')} />}
        <Space>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={busy} onClick={() => void backupNow()}>
            {busy ? t('busy.backingUp') : t('backup.now')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('backup.refresh')}
          </Button>
        </Space>
        <Table<BackupFile>
          size="small"
          rowKey="path"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          title={() => t('backup.list')}
          dataSource={files}
          loading={list.isPending}
          columns={[
            { title: t('print.when'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, hall.timeZone) },
            { title: t('backup.file'), dataIndex: 'fileName' },
            { title: t('backup.size'), dataIndex: 'sizeBytes', render: (v: number) => `${(v / 1024 / 1024).toFixed(1)} MB` },
            {
              title: '',
              dataIndex: 'hashMatches',
              render: (v: boolean | null) => (v === false ? <Tag color="red">{t('backup.hashBad')}</Tag> : v ? <Tag color="green">{t('backup.hashOk')}</Tag> : null),
            },
            {
              title: '',
              key: 'restore',
              render: (_: unknown, f) => (
                <Button size="small" danger onClick={() => restore(f)}>
                  {t('backup.restore')}
                </Button>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  )
}
