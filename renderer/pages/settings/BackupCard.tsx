import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BackupFile } from '../../../shared/backup/types'
import { call, errorText } from '../../api/client'
import { useRpcQuery } from '../../api/queries'
import { useApp } from '../../app-context'
import { formatDateTime } from '../../format'
import { HallBackupNotice, HallRestoreNotice } from './HallBackupNotice'

/**
 * 备份与恢复: the last backup, a warning when it is old, back up now, restore a chosen one. In
 * hall mode the hall database is the server's to back up: the card says so, shows IT the
 * pg_dump and pg_restore commands, and backs up with this desk's pg_dump when it has one.
 */
export function BackupCard() {
  const { t } = useTranslation()
  const { hall, refresh } = useApp()
  // The hook's modal, not Modal.confirm: it takes the app's theme, locale and button settings.
  const { message, modal } = App.useApp()
  const [busy, setBusy] = useState(false)
  // While the hall's pg_dump runs, its progress (the table it is at) is read every second.
  const backupStatus = useRpcQuery('backup.status', {}, { refetchInterval: busy ? 1_000 : false })
  const list = useRpcQuery('backup.list', {})
  const status = backupStatus.data ?? null
  const files = list.data ?? []
  const hallMode = status?.hall ?? null
  const running = status?.running ?? null
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
        {hallMode !== null && <HallBackupNotice hall={hallMode} />}
        {status !== null && status.folder === null && <Alert type="warning" showIcon data-testid="backup-off" message={t('backup.off')} />}
        {status?.stale && status.folder !== null && <Alert type="warning" showIcon message={t('backup.stale')} />}
        <Space>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            loading={busy}
            // Hall mode without pg_dump here: nothing this desk could back up.
            disabled={hallMode !== null && hallMode.pgDump === null}
            onClick={() => void backupNow()}
          >
            {busy ? t('busy.backingUp') : t('backup.now')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('backup.refresh')}
          </Button>
        </Space>
        {busy && hallMode !== null && (
          <Typography.Text type="secondary" data-testid="pg-dump-progress">
            {running?.table ? t('backup.hall.running', { table: running.table, tables: running.tables }) : t('backup.hall.starting')}
          </Typography.Text>
        )}
        <Table<BackupFile>
          size="small"
          rowKey="path"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          title={() => t('backup.list')}
          dataSource={files}
          loading={list.isPending}
          columns={[
            { title: t('print.when'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, hall.timeZone) },
            { title: t('backup.file'), dataIndex: 'fileName', render: (v: string, f) => (f.kind === 'dump' ? <Space>{v}<Tag color="blue">{t('backup.hall.dump')}</Tag></Space> : v) },
            { title: t('backup.size'), dataIndex: 'sizeBytes', render: (v: number) => `${(v / 1024 / 1024).toFixed(1)} MB` },
            {
              title: '',
              dataIndex: 'hashMatches',
              render: (v: boolean | null) => (v === false ? <Tag color="red">{t('backup.hashBad')}</Tag> : v ? <Tag color="green">{t('backup.hashOk')}</Tag> : null),
            },
            {
              title: '',
              key: 'restore',
              // The desk restores only its own file; the hall's dumps are IT's to restore, on the server.
              render: (_: unknown, f) =>
                hallMode === null && f.kind === 'file' ? (
                  <Button size="small" danger onClick={() => restore(f)}>
                    {t('backup.restore')}
                  </Button>
                ) : null,
            },
          ]}
        />
        {hallMode !== null && <HallRestoreNotice hall={hallMode} />}
      </Space>
    </Card>
  )
}
