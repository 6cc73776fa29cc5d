import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../electron/errors'
import { checkDump, dumpRefusal, findPgDump, pgClientDirs, runPgDump, splitPassword } from '../../electron/services/backup/pg-dump'
import { backupFileName, backupNameKind, backupNameStamp, backupNameSuffix } from '../../electron/services/backup/stamps'
import { connectionWithoutPassword, hallSchemaOf, pgDumpCommand, pgRestoreCommand, pgpassLine } from '../../shared/backup/hall-commands'
import { translate } from '../../shared/i18n/translate'
import { zhCN } from '../../shared/i18n/zh-CN'

const dirs: string[] = []
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'intake-desk-pgdump-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const URL_WITH_PASSWORD = 'postgres://intake_desk:s3cr%40t:x@db-host:5433/intake_desk?sslmode=require'

describe('finding pg_dump', () => {
  it('takes the first on PATH, else the newest PostgreSQL folder, else none', () => {
    const root = temp()
    const onPath = join(root, 'path')
    const v13 = join(root, 'lib', '13', 'bin')
    const v15 = join(root, 'lib', '15', 'bin')
    for (const d of [onPath, v13, v15]) mkdirSync(d, { recursive: true })
    writeFileSync(join(v13, 'pg_dump'), '')
    writeFileSync(join(v15, 'pg_dump'), '')
    expect(findPgDump({ PATH: onPath }, [v15, v13], 'linux')).toBe(join(v15, 'pg_dump'))
    writeFileSync(join(onPath, 'pg_dump'), '')
    expect(findPgDump({ PATH: onPath }, [v15, v13], 'linux')).toBe(join(onPath, 'pg_dump'))
    expect(findPgDump({ PATH: join(root, 'nowhere') }, [], 'linux')).toBeNull()
    // A folder named pg_dump is not a program.
    const odd = join(root, 'odd')
    mkdirSync(join(odd, 'pg_dump'), { recursive: true })
    expect(findPgDump({ PATH: odd }, [], 'linux')).toBeNull()
  })

  it('lists Debian’s versions newest first (15 before 9)', () => {
    for (const dir of pgClientDirs('linux', {})) expect(dir).toMatch(/bin$/)
  })
})

describe('the commands shown to IT', () => {
  it('never hold the password; the URL keeps its user, host, port, database and sslmode', () => {
    expect(connectionWithoutPassword(URL_WITH_PASSWORD)).toBe('postgres://intake_desk@db-host:5433/intake_desk?sslmode=require')
    const dump = pgDumpCommand(URL_WITH_PASSWORD, '/srv/backups/intake-desk-hall-YYYYMMDD.dump')
    expect(dump).toBe("pg_dump --format=custom --no-password --file=/srv/backups/intake-desk-hall-YYYYMMDD.dump --dbname='postgres://intake_desk@db-host:5433/intake_desk?sslmode=require'")
    const restore = pgRestoreCommand(URL_WITH_PASSWORD, '/srv/backups/x.dump')
    expect(restore).toBe("pg_restore --exit-on-error --no-owner --role=OWNER --dbname='postgres://OWNER@db-host:5433/intake_desk_restored?sslmode=require' /srv/backups/x.dump")
    for (const text of [dump, restore, pgpassLine(URL_WITH_PASSWORD)]) expect(text).not.toContain('s3cr')
  })

  it('quotes a folder with spaces or quotes as one shell word', () => {
    expect(pgDumpCommand('postgres://u:p@h:5432/d', "/home/o'brien/备份 夹/x.dump")).toContain(`--file='/home/o'"'"'brien/备份 夹/x.dump'`)
  })

  it('gives the .pgpass line with the password left to fill in, colons escaped', () => {
    expect(pgpassLine('postgres://desk:pw@db-host/intake_desk')).toBe('db-host:5432:intake_desk:desk:PASSWORD')
    expect(pgpassLine('postgres://a%3Ab:pw@h:6000/d')).toBe('h:6000:d:a\\:b:PASSWORD')
  })

  it('splits the password off for PGPASSWORD, decoded', () => {
    expect(splitPassword(URL_WITH_PASSWORD)).toEqual({ url: 'postgres://intake_desk@db-host:5433/intake_desk?sslmode=require', password: 's3cr@t:x' })
  })

  it('writes the options’ spaces as %20, which libpq reads as spaces (a + it takes literally)', () => {
    const url = new URL('postgres://desk:pw@db-host:5432/hall')
    url.searchParams.set('options', '-c search_path=hall_a -c TimeZone=UTC')
    // URLSearchParams writes the spaces as +: pg_dump would refuse "+search_path".
    expect(url.toString()).toContain('options=-c+search_path')
    const expected = 'postgres://desk@db-host:5432/hall?options=-c%20search_path%3Dhall_a%20-c%20TimeZone%3DUTC'
    expect(splitPassword(url.toString()).url).toBe(expected)
    expect(connectionWithoutPassword(url.toString())).toBe(expected)
  })
})

describe('pg_dump’s failures in the catalogue’s words', () => {
  const said = (stderr: string) => dumpRefusal(stderr).key
  it('names the cause a person can act on', () => {
    expect(said('pg_dump: error: connection to server at "h" failed: FATAL:  password authentication failed for user "desk"')).toBe('e.hallBackup.AUTH')
    expect(said('pg_dump: error: aborting because of server version mismatch')).toBe('e.hallBackup.VERSION')
    expect(said('pg_dump: error: query failed: ERROR:  permission denied for table audit_log')).toBe('e.hallBackup.PRIVILEGE')
    expect(said('pg_dump: error: connection to server at "h" (10.0.0.1), port 5432 failed: Connection refused')).toBe('e.hallBackup.UNREACHABLE')
    expect(said('pg_dump: error: could not open output file "/x": No such file or directory')).toBe('e.hallBackup.WRITE')
    expect(said('something else')).toBe('e.hallBackup.FAILED')
  })

  it('every refusal is a Chinese sentence saying nothing was left behind', () => {
    for (const key of ['MISSING', 'AUTH', 'VERSION', 'PRIVILEGE', 'UNREACHABLE', 'WRITE', 'FAILED', 'CHECK', 'RESTORE_BY_IT']) {
      const text = translate(zhCN, `e.hallBackup.${key}`)
      expect(text).not.toBe(`e.hallBackup.${key}`)
      expect(text).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('a pg_dump that is not there is refused as missing, and writes no file', async () => {
    const dir = temp()
    const file = join(dir, 'x.dump')
    const error = await runPgDump({ pgDump: join(dir, 'no-pg_dump'), url: 'postgres://u:p@127.0.0.1:1/d', file }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).key).toBe('e.hallBackup.MISSING')
    expect(existsSync(file)).toBe(false)
  })

  it('a pg_dump that fails is refused by its words, its stderr logged', async () => {
    const dir = temp()
    const fake = join(dir, 'pg_dump')
    writeFileSync(fake, '#!/bin/sh\necho \'pg_dump: error: connection to server failed: FATAL:  password authentication failed for user "u"\' >&2\nexit 1\n')
    chmodSync(fake, 0o755)
    const logged: string[] = []
    const error = await runPgDump({ pgDump: fake, url: 'postgres://u:p@h/d', file: join(dir, 'x.dump'), log: (l) => logged.push(l) }).catch((e: unknown) => e)
    expect((error as AppError).key).toBe('e.hallBackup.AUTH')
    expect(logged.join('\n')).toMatch(/exited with 1: .*password authentication failed/)
  })
})

describe('a dump’s check', () => {
  it('refuses a file that is not a custom-format archive', async () => {
    const dir = temp()
    const file = join(dir, 'x.dump')
    writeFileSync(file, 'SQLite format 3\0')
    expect(await checkDump(file, null, ['visits'])).toBe(false)
    writeFileSync(file, 'PGDMP\x01\x0e')
    expect(await checkDump(file, null, ['visits'])).toBe(true)
  })
})

describe('backup names', () => {
  it('tells a hall dump from a file copy, with the same stamp and suffix rules', () => {
    expect(backupFileName('20261122-100000', 1, 'dump')).toBe('intake-desk-hall-20261122-100000.dump')
    expect(backupFileName('20261122-100000', 2, 'dump')).toBe('intake-desk-hall-20261122-100000-2.dump')
    expect(backupNameStamp('intake-desk-hall-20261122-100000-2.dump')).toBe('20261122-100000')
    expect(backupNameKind('intake-desk-hall-20261122-100000-2.dump')).toBe('dump')
    expect(backupNameKind('intake-desk-20261122-100000.sqlite3')).toBe('file')
    expect(backupNameSuffix('intake-desk-hall-20261122-100000-3.dump')).toBe(3)
    expect(backupNameStamp('intake-desk-hall-20261122-100000.sqlite3')).toBeNull()
    expect(backupNameStamp('intake-desk-20261122-100000.dump')).toBeNull()
  })
})

describe('the hall’s schema', () => {
  it('is the one the URL’s options put on the search path, and only that one is dumped', () => {
    const url = 'postgres://u:p@h:5432/d?options=-c%20search_path%3Dhall_a%20-c%20TimeZone%3DUTC'
    expect(hallSchemaOf(url)).toBe('hall_a')
    expect(hallSchemaOf('postgres://u:p@h:5432/d')).toBeNull()
    expect(pgDumpCommand(url, '/b/x.dump')).toContain(' --schema=hall_a --dbname=')
    expect(pgDumpCommand('postgres://u:p@h:5432/d', '/b/x.dump')).not.toContain('--schema')
  })
})
