import { Alert, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { HallBackupStatus } from '../../../shared/backup/types'

/** A command the IT person copies: monospace, one click to copy. */
function Command({ text, testId }: { text: string; testId: string }) {
  const { t } = useTranslation()
  return (
    <Typography.Paragraph
      code
      data-testid={testId}
      style={{ marginBottom: 0, wordBreak: 'break-all' }}
      copyable={{ text, tooltips: [t('backup.hall.copy'), t('backup.hall.copied')] }}
    >
      {text}
    </Typography.Paragraph>
  )
}

/**
 * 备份与恢复 in hall mode: the hall database is the server's to back up; the pg_dump command for
 * IT (its password from ~/.pgpass or PGPASSWORD); whether this desk can run pg_dump itself.
 */
export function HallBackupNotice({ hall }: { hall: HallBackupStatus }) {
  const { t } = useTranslation()
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="hall-backup">
      <Alert type="info" showIcon message={t('backup.hall.title')} description={t('backup.hall.server', { target: hall.target })} />
      <Typography.Text strong>{t('backup.hall.dumpCommand')}</Typography.Text>
      <Command text={hall.dumpCommand} testId="pg-dump-command" />
      <Typography.Text type="secondary">{t('backup.hall.password')}</Typography.Text>
      <Command text={hall.pgpassLine} testId="pgpass-line" />
      {hall.pgDump === null ? (
        <Alert type="warning" showIcon data-testid="pg-dump-missing" message={t('backup.hall.pgDumpMissing')} />
      ) : (
        <Typography.Text data-testid="pg-dump-found">{t('backup.hall.pgDumpFound', { path: hall.pgDump })}</Typography.Text>
      )}
    </Space>
  )
}

/** Who restores the hall database (IT, on the server) and the pg_restore command. */
export function HallRestoreNotice({ hall }: { hall: HallBackupStatus }) {
  const { t } = useTranslation()
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="hall-restore">
      <Typography.Text strong>{t('backup.hall.restoreTitle')}</Typography.Text>
      <Typography.Text type="secondary">{t('backup.hall.restore')}</Typography.Text>
      <Command text={hall.restoreCommand} testId="pg-restore-command" />
    </Space>
  )
}
