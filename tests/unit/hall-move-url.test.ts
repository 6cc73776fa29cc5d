import { describe, expect, it } from 'vitest'
import { hallMoveStartSchema } from '../../shared/hall-move/schemas'
import { deskDatabaseUrl, hallDatabaseUrl, redactedHallUrl } from '../../shared/hall-move/url'

describe('the hall database URL of 迁移到大厅数据库', () => {
  it('is made from the fields with each part escaped, so a password may hold @, / and :', () => {
    const url = hallDatabaseUrl({ host: ' db-host ', port: 5433, database: 'intake_desk', user: 'intake_desk_owner', password: 'p@ss/w:rd', tls: 'require' })
    expect(url).toBe('postgres://intake_desk_owner:p%40ss%2Fw%3Ard@db-host:5433/intake_desk?sslmode=require')
    expect(decodeURIComponent(new URL(url).password)).toBe('p@ss/w:rd')
    expect(hallMoveStartSchema.safeParse({ url }).success).toBe(true)
  })

  it('is shown and recorded without its password', () => {
    expect(redactedHallUrl('postgres://owner:secret@db-host:5432/intake_desk?sslmode=require')).toBe('postgres://owner@db-host:5432/intake_desk')
    expect(deskDatabaseUrl('postgres://owner@db-host:5432/intake_desk')).toBe('postgres://USER:PASSWORD@db-host:5432/intake_desk')
  })

  it('refuses what is not a postgres:// URL with a host and a database', () => {
    for (const url of ['', 'mysql://u:p@h/db', 'postgres://', 'postgres://u:p@h', 'postgres://u:p@h/']) expect(hallMoveStartSchema.safeParse({ url }).success, url).toBe(false)
  })
})
