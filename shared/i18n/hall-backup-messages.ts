import type { SameKeys } from './translate'

/** 备份与恢复 in hall mode (issue #10): the card's strings, mounted at `backup.hall` (zh-CN first). */
export const hallBackupZhCN = {
  title: '大厅数据库的备份',
  server:
    '本窗口连接的是大厅数据库（{{target}}）。大厅数据库的备份由数据库服务器负责：请信息技术人员在服务器上每天用 pg_dump 备份并妥善保存。下面是备份命令；本机装有 PostgreSQL 客户端时，也可以在本机运行 pg_dump，备份到备份文件夹。',
  dumpCommand: '备份命令（pg_dump）',
  password: '命令中不含密码：请在运行命令的电脑上把下面一行写入 ~/.pgpass（Windows 为 %APPDATA%\\postgresql\\pgpass.conf，权限仅本人可读），把 PASSWORD 换成密码；或在运行前设置环境变量 PGPASSWORD。',
  pgDumpFound: '本机的 pg_dump：{{path}}。“立即备份”和每天的自动备份在本机运行它，备份到备份文件夹。',
  pgDumpMissing: '本机没有安装 PostgreSQL 客户端（找不到 pg_dump），本机不能备份大厅数据库，“立即备份”不可用。请由信息技术人员在服务器上备份，或在本机安装 PostgreSQL 客户端（Debian：apt install postgresql-client）。',
  restoreTitle: '恢复大厅数据库',
  restore:
    '大厅数据库不能在窗口上恢复：恢复会影响所有窗口，由信息技术人员在服务器上用 pg_restore 完成。先按 README「大厅数据库」一节新建一个空数据库（以数据库所有者 OWNER 的身份），再运行下面的命令，然后让各窗口连接新的数据库：',
  running: '正在运行 pg_dump：{{table}}（已备份 {{tables}} 张数据表）…',
  starting: '正在运行 pg_dump，正在连接大厅数据库…',
  dump: '大厅数据库',
  copy: '复制',
  copied: '已复制',
} as const

export const hallBackupEn: SameKeys<typeof hallBackupZhCN> = {
  title: 'Backups of the hall database',
  server:
    'This desk uses the hall database ({{target}}). Its backups are the database server’s: IT should back it up daily on the server with pg_dump and keep the files safe. The command is below; where this desk has the PostgreSQL client installed it can also run pg_dump itself, into the backup folder.',
  dumpCommand: 'Backup command (pg_dump)',
  password: 'The command holds no password: on the computer that runs it, put the line below in ~/.pgpass (%APPDATA%\\postgresql\\pgpass.conf on Windows, readable by its owner only) with PASSWORD replaced, or set PGPASSWORD before running it.',
  pgDumpFound: 'pg_dump on this desk: {{path}}. “Back up now” and the daily backup run it here, into the backup folder.',
  pgDumpMissing: 'This desk has no PostgreSQL client (pg_dump not found), so it cannot back up the hall database and “Back up now” is off. Ask IT to back up on the server, or install the PostgreSQL client here (Debian: apt install postgresql-client).',
  restoreTitle: 'Restoring the hall database',
  restore:
    'The hall database is not restored from a desk: a restore affects every desk, and IT does it on the server with pg_restore. First create a new, empty database as README «大厅数据库» says (as the database owner, OWNER), run the command below, then point every desk at the new database:',
  running: 'Running pg_dump: {{table}} ({{tables}} tables backed up)…',
  starting: 'Running pg_dump, connecting to the hall database…',
  dump: 'Hall database',
  copy: 'Copy',
  copied: 'Copied',
}

/** Refusals of a hall-mode backup, mounted at `e.hallBackup`: nothing was written in any of them. */
export const hallBackupErrorsZhCN = {
  MISSING: '本机没有安装 PostgreSQL 客户端（找不到 pg_dump），不能备份大厅数据库，未写入任何文件。请由信息技术人员在服务器上备份，或在本机安装 PostgreSQL 客户端。',
  AUTH: 'pg_dump 登录大厅数据库被拒绝（用户名或密码不正确），备份未完成，未留下任何文件。',
  VERSION: '本机的 pg_dump 版本低于大厅数据库服务器，不能备份，未留下任何文件。请安装与服务器相同或更新版本的 PostgreSQL 客户端。',
  PRIVILEGE: '大厅数据库的这个账号无权读取全部数据，pg_dump 备份未完成，未留下任何文件。请由信息技术人员用数据库所有者账号在服务器上备份。',
  UNREACHABLE: 'pg_dump 连接不上大厅数据库，备份未完成，未留下任何文件。请检查网络和数据库服务器后重试。',
  WRITE: '无法写入备份文件夹（文件夹不存在、无写入权限或磁盘已满），pg_dump 备份未完成，未留下任何文件。',
  FAILED: 'pg_dump 备份未完成，未留下任何文件。请重试；仍不成功请联系信息技术人员（详情见本机日志）。',
  CHECK: 'pg_dump 写出的备份文件未通过检查，已删除。请重试或联系信息技术人员。',
  RESTORE_BY_IT: '大厅数据库不能在窗口上恢复：请由信息技术人员在服务器上用 pg_restore 恢复（命令见“备份与恢复”）。未作任何改动。',
} as const

export const hallBackupErrorsEn: SameKeys<typeof hallBackupErrorsZhCN> = {
  MISSING: 'This desk has no PostgreSQL client (pg_dump not found), so it cannot back up the hall database; no file was written. Ask IT to back up on the server, or install the PostgreSQL client here.',
  AUTH: 'The hall database refused pg_dump’s sign-in (wrong user or password); no backup was made and no file left behind.',
  VERSION: 'This desk’s pg_dump is older than the hall database server, so it cannot back it up; no file was left behind. Install a PostgreSQL client of the server’s version or newer.',
  PRIVILEGE: 'This hall database account may not read all the data, so pg_dump did not finish; no file was left behind. Ask IT to back up on the server as the database owner.',
  UNREACHABLE: 'pg_dump cannot reach the hall database; no backup was made and no file left behind. Check the network and the server, then try again.',
  WRITE: 'The backup folder cannot be written (missing, no permission or a full disk); pg_dump did not finish and no file was left behind.',
  FAILED: 'pg_dump did not finish; no file was left behind. Try again; if it still fails, ask IT (the desk’s log has the details).',
  CHECK: 'The file pg_dump wrote failed its check and was removed. Try again or ask IT.',
  RESTORE_BY_IT: 'The hall database is not restored from a desk: IT restores it on the server with pg_restore (the command is under “Backup and restore”). Nothing was changed.',
}
