import type { SameKeys } from './translate'

/** 连接大厅数据库 (issue #10): the connection's strings, mounted at `hallConnection` (zh-CN first). */
export const hallConnectionZhCN = {
  title: '大厅数据库连接',
  intro: '本窗口连接哪个大厅数据库（PostgreSQL）。先“测试连接”，再保存；密码加密保存在本机（桌面版由操作系统加密），不会显示出来。保存后下次启动本程序时生效。',
  single: '单机使用（本机数据库）',
  hall: '连接大厅数据库',
  current: '当前：{{mode}}',
  saved: '已保存的连接：{{user}}@{{host}}:{{port}}/{{database}}',
  savedNotActive: '已保存的连接将在下次启动时生效。',
  host: '主机',
  port: '端口',
  database: '数据库',
  user: '用户',
  password: '密码',
  passwordKept: '留空则沿用已保存的密码',
  tls: '加密连接（TLS）',
  tlsOff: '不加密',
  tlsRequire: '加密（require）',
  tlsVerifyFull: '加密并校验服务器证书（verify-full）',
  caFile: 'CA 证书文件',
  caFileHelp: '签发数据库服务器证书的 CA 证书（PEM 文件）的完整路径',
  test: '测试连接',
  save: '保存连接',
  testing: '正在连接大厅数据库…',
  ok: '连接成功：PostgreSQL {{version}}，编码 {{encoding}}，字符分类 {{ctype}}。',
  okEmpty: '数据库是空的：第一个连接的窗口会建立数据库结构，并在其上设置大厅。',
  okHall: '数据库中已有大厅“{{hall}}”（数据版本 {{found}}，本程序支持到 {{supported}}）。',
  savedOk: '已保存，下次启动本程序时连接此大厅数据库。',
  storageOs: '密码由操作系统加密保存（safeStorage）。',
  storageFile: '密码加密保存在数据文件夹中（密钥文件仅本人可读）。',
} as const

export const hallConnectionEn: SameKeys<typeof hallConnectionZhCN> = {
  title: 'Hall database connection',
  intro: 'Which hall database (PostgreSQL) this desk connects to. Test the connection first, then save; the password is kept encrypted on this PC (by the operating system in the desktop app) and never shown. A saved change takes effect at the next start.',
  single: 'Single desk (local database)',
  hall: 'Connect to the hall database',
  current: 'Now: {{mode}}',
  saved: 'Saved connection: {{user}}@{{host}}:{{port}}/{{database}}',
  savedNotActive: 'The saved connection takes effect at the next start.',
  host: 'Host',
  port: 'Port',
  database: 'Database',
  user: 'User',
  password: 'Password',
  passwordKept: 'Leave empty to keep the saved password',
  tls: 'Encrypted connection (TLS)',
  tlsOff: 'Off',
  tlsRequire: 'Encrypted (require)',
  tlsVerifyFull: 'Encrypted, server certificate checked (verify-full)',
  caFile: 'CA certificate file',
  caFileHelp: 'Full path of the CA certificate (PEM) that signed the database server’s certificate',
  test: 'Test connection',
  save: 'Save connection',
  testing: 'Connecting to the hall database…',
  ok: 'Connected: PostgreSQL {{version}}, encoding {{encoding}}, ctype {{ctype}}.',
  okEmpty: 'The database is empty: the first desk to connect creates the schema and sets the hall up on it.',
  okHall: 'The database holds the hall “{{hall}}” (schema {{found}}; this app supports up to {{supported}}).',
  savedOk: 'Saved: the desk connects to this hall database from its next start.',
  storageOs: 'The password is kept encrypted by the operating system (safeStorage).',
  storageFile: 'The password is kept encrypted in the data folder (its key file readable by its owner only).',
}

/** Refusals of 测试连接 and 保存连接, mounted at `e.hallConnection`: nothing is saved in any of them. */
export const hallConnectionErrorsZhCN = {
  AUTH: '大厅数据库拒绝登录：用户“{{user}}”的用户名或密码不正确。请核对后重试；未保存任何内容。',
  NO_DATABASE: '服务器 {{host}}:{{port}} 上没有数据库“{{database}}”。请核对数据库名称，或请信息技术人员按 README「大厅数据库」一节创建；未保存任何内容。',
  NO_HOST: '找不到主机“{{host}}”。请核对主机名或 IP 地址；未保存任何内容。',
  UNREACHABLE: '连接不上 {{host}}:{{port}} 的数据库服务器。请检查主机、端口、网络和服务器是否在运行；未保存任何内容。',
  TLS: '与 {{host}}:{{port}} 的加密连接未能建立（服务器不支持加密，或证书与 CA 证书、主机名不符）。请核对“加密连接”和 CA 证书文件；未保存任何内容。',
  CA_FILE: '读不到 CA 证书文件“{{file}}”。请填写本机上 CA 证书（PEM）的完整路径；未保存任何内容。',
  PRIVILEGE: '用户“{{user}}”无权读取大厅数据库“{{database}}”。请由信息技术人员按 README 授权；未保存任何内容。',
  TOO_OLD: '数据库服务器的版本是 PostgreSQL {{version}}，接访台需要 15 或更新的版本；未保存任何内容。',
  TOO_NEW: '大厅数据库由更新版本的接访台创建（数据版本 {{found}}，本程序支持到 {{supported}}），请先升级本程序；未保存任何内容。',
  UNSUITABLE: '大厅数据库不符合要求：{{problem}}。请由信息技术人员按 README「大厅数据库」一节重新创建数据库；未保存任何内容。',
  FAILED: '测试连接未能完成，请重试或联系信息技术人员；未保存任何内容。',
} as const

export const hallConnectionErrorsEn: SameKeys<typeof hallConnectionErrorsZhCN> = {
  AUTH: 'The hall database refused the sign-in: wrong user name or password for “{{user}}”. Check and try again; nothing was saved.',
  NO_DATABASE: 'The server {{host}}:{{port}} has no database “{{database}}”. Check its name, or ask IT to create it as README «大厅数据库» says; nothing was saved.',
  NO_HOST: 'No host “{{host}}” was found. Check the host name or IP address; nothing was saved.',
  UNREACHABLE: 'The database server at {{host}}:{{port}} cannot be reached. Check the host, port, network and that the server runs; nothing was saved.',
  TLS: 'No encrypted connection to {{host}}:{{port}} could be made (the server offers none, or its certificate does not match the CA certificate or the host name). Check “Encrypted connection” and the CA file; nothing was saved.',
  CA_FILE: 'The CA certificate file “{{file}}” cannot be read. Give the full path of the CA certificate (PEM) on this PC; nothing was saved.',
  PRIVILEGE: 'The user “{{user}}” may not read the hall database “{{database}}”. Ask IT to grant it as the README says; nothing was saved.',
  TOO_OLD: 'The database server runs PostgreSQL {{version}}; Intake Desk needs 15 or newer. Nothing was saved.',
  TOO_NEW: 'The hall database was written by a newer Intake Desk (schema {{found}}; this app supports up to {{supported}}): upgrade this app first. Nothing was saved.',
  UNSUITABLE: 'The hall database does not meet the requirements: {{problem}}. Ask IT to create it again as README «大厅数据库» says; nothing was saved.',
  FAILED: 'The connection test did not finish; try again or ask IT. Nothing was saved.',
}

/** Field refusals, mounted at `v.hallConnection`. */
export const hallConnectionFieldsZhCN = {
  host: '请填写数据库服务器的主机名或 IP 地址。',
  port: '端口应为 1–65535 之间的整数（PostgreSQL 通常为 5432）。',
  database: '请填写数据库名称。',
  user: '请填写用户名。',
  tls: '请选择加密连接方式。',
  caFile: '选择“校验服务器证书”时，请填写 CA 证书文件的路径。',
} as const

export const hallConnectionFieldsEn: SameKeys<typeof hallConnectionFieldsZhCN> = {
  host: 'Enter the database server’s host name or IP address.',
  port: 'The port is a whole number from 1 to 65535 (PostgreSQL usually uses 5432).',
  database: 'Enter the database name.',
  user: 'Enter the user name.',
  tls: 'Choose how the connection is encrypted.',
  caFile: 'With “server certificate checked”, give the path of the CA certificate file.',
}
