import { describe, expect } from 'vitest'
import { formatCaseNumber } from '../../shared/case-number'
import { it, type TestCore } from './fixtures'
import { addUser, call, ok, validIntake } from './helpers'
import { representative, representatives } from '../support/representatives'

it.override('users', { r1: ['receptionist', 'R001'] })

function count(core: TestCore, table: string): number {
  return (core.connection.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
}

function visitRow(core: TestCore, caseNumber: string): Record<string, unknown> {
  return core.connection.raw.prepare('SELECT * FROM visits WHERE case_number = ?').get(caseNumber) as Record<
    string,
    unknown
  >
}

const numbers = (day: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => formatCaseNumber('WH', day, from + i))

describe('registration is all or nothing', () => {
  const failAudit = `CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log
    WHEN NEW.action = 'intake.register' BEGIN SELECT RAISE(ABORT, 'boom'); END`

  it('saves nothing and uses no number when the audit row cannot be written', async ({ core }) => {
    await ok(core, 'r1', 'drafts.save', { values: { visitor: { name: '吕建国' } }, step: 2 })
    const auditRows = count(core, 'audit_log')
    core.connection.raw.exec(failAudit)

    const result = await call(core, 'r1', 'intake.register', validIntake())
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INTERNAL')
    expect(result.error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(result.error.message).not.toContain('boom')
    expect(result.error.message).not.toMatch(/sqlite/i)
    expect(JSON.stringify(result.error)).not.toContain('boom')

    expect(count(core, 'visits')).toBe(0)
    expect(count(core, 'visitors')).toBe(0)
    expect(count(core, 'case_sequences')).toBe(0)
    expect(count(core, 'audit_log')).toBe(auditRows)
    // The draft is deleted in the same transaction, so it survives the failure.
    expect(await ok(core, 'r1', 'drafts.get', {})).not.toBeNull()

    core.connection.raw.exec('DROP TRIGGER fail_audit')
    const next = await ok(core, 'r1', 'intake.register', validIntake())
    expect(next.caseNumber).toBe('WH-20261122-0001')
  })
})

describe('case numbers', () => {
  it('are distinct and gapless over 1,000 registrations, then 200 from four windows at once', async ({ core }) => {
    const sequential: string[] = []
    for (let i = 0; i < 1000; i++)
      sequential.push((await ok(core, 'r1', 'intake.register', validIntake())).caseNumber)
    expect(sequential).toEqual(numbers('20261122', 1, 1000))

    for (const [session, badge] of [
      ['r2', 'R002'],
      ['r3', 'R003'],
      ['r4', 'R004'],
    ] as const) {
      await addUser(core, session, 'receptionist', badge)
    }
    const windows = ['r1', 'r2', 'r3', 'r4']
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        call(core, windows[i % 4] ?? 'r1', 'intake.register', validIntake()),
      ),
    )
    const concurrent = results.map((r) => {
      if (!r.ok) throw new Error(JSON.stringify(r.error))
      return r.value.caseNumber
    })
    expect(new Set(concurrent).size).toBe(200)
    expect([...concurrent].sort()).toEqual(numbers('20261122', 1001, 1200))

    const stored = core.connection.raw
      .prepare('SELECT case_number FROM visits ORDER BY day_seq')
      .pluck()
      .all() as string[]
    expect(stored).toEqual(numbers('20261122', 1, 1200))
    expect(core.connection.raw.prepare('SELECT last_seq FROM case_sequences').pluck().get()).toBe(1200)
    // Every window did its share.
    const perReceptionist = core.connection.raw
      .prepare(
        'SELECT shown_badge_no AS badge, count(*) AS n FROM visits WHERE day_seq > 1000 GROUP BY shown_badge_no',
      )
      .all()
    expect(perReceptionist).toEqual([
      { badge: 'R001', n: 50 },
      { badge: 'R002', n: 50 },
      { badge: 'R003', n: 50 },
      { badge: 'R004', n: 50 },
    ])
  })

  it('start again at 0001 at midnight in Asia/Shanghai', async ({ core }) => {
    core.clock.set('2026-11-22T15:59:59.000Z')
    // Hours have passed: the idle lock has closed the screen.
    await ok(core, 'r1', 'auth.unlock', { password: 'Mine2026pass' })
    expect((await ok(core, 'r1', 'intake.register', validIntake())).caseNumber).toBe('WH-20261122-0001')
    expect((await ok(core, 'r1', 'intake.register', validIntake())).caseNumber).toBe('WH-20261122-0002')

    core.clock.set('2026-11-22T16:00:00.000Z')
    expect((await ok(core, 'r1', 'intake.register', validIntake())).caseNumber).toBe('WH-20261123-0001')
    // Today’s log follows the hall’s day as well.
    expect((await ok(core, 'r1', 'visits.today', {})).map((r) => r.caseNumber)).toEqual(['WH-20261123-0001'])
  })
})

describe('repeat visitors', () => {
  it('reuse the visitor record and see the earlier visit with its answers', async ({ core }) => {
    const first = await ok(core, 'r1', 'intake.register', validIntake())
    core.clock.advance(60_000)
    const second = await ok(
      core,
      'r1',
      'intake.register',
      validIntake('420106196503120311', {
        visitor: {
          name: '吕建国',
          noId: false,
          idNumber: '420106196503120311',
          noIdReason: '',
          phone: '',
          address: '武汉市武昌区新址',
        },
      }),
    )
    expect(count(core, 'visitors')).toBe(1)
    expect(count(core, 'visits')).toBe(2)
    // The visitor keeps the latest address, and the phone from before when none was given.
    expect(core.connection.raw.prepare('SELECT phone, address FROM visitors').get()).toEqual({
      phone: '13700002222',
      address: '武汉市武昌区新址',
    })

    const history = await ok(core, 'r1', 'intake.history', { idNumber: '420106196503120311' })
    expect(history.visitor).toEqual({ name: '吕建国', birthDate: '1965-03-12', sex: 'male', phone: '13700002222', address: '武汉市武昌区新址' })
    expect(history.visits.map((v) => v.caseNumber)).toEqual([second.caseNumber, first.caseNumber])
    // Only the latest visit carries its answers: they are what is offered as starting text.
    expect(history.visits[1]).toMatchObject({
      caseNumber: 'WH-20261122-0001',
      category: '城乡建设·市政设施',
      routing: 'accepted',
      answers: null,
    })
    expect(history.visits[0]?.answers).toMatchObject({
      facts: {
        text: '附近单位施工后，小区排水系统堵塞，雨天地下室积水，已持续两个月。',
        mark: null,
        reason: '',
      },
      history: { text: '首次来访。', mark: null, reason: '' },
    })
  })

  it('are found whichever way the ID number is typed (lowercase x, full width)', async ({ core }) => {
    await ok(core, 'r1', 'intake.register', validIntake('42010619810517003x'))
    expect(core.connection.raw.prepare('SELECT id_number FROM visitors').pluck().get()).toBe(
      '42010619810517003X',
    )
    const typed = await ok(core, 'r1', 'intake.history', { idNumber: '４２０１０６１９８１０５１７００３ｘ' })
    expect(typed.visits).toHaveLength(1)
  })

  it('shows no history for someone who has not been here', async ({ core }) => {
    expect(await ok(core, 'r1', 'intake.history', { idNumber: '110105198807300426' })).toEqual({
      visitor: null,
      visits: [],
    })
  })

  it('refuses a history lookup with an invalid ID number', async ({ core }) => {
    const result = await call(core, 'r1', 'intake.history', { idNumber: '420106196503120310' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('VALIDATION')
    expect(result.error.fields?.[0]).toMatchObject({ path: 'idNumber', key: 'v.idNumber.checksum' })
  })
})

describe('what a visit records', () => {
  it('keeps the receptionist’s 工号, 姓名 and 职务 as shown, and when the shows were confirmed', async ({ core }) => {
    const { caseNumber, registeredAt } = await ok(core, 'r1', 'intake.register', validIntake())
    expect(visitRow(core, caseNumber)).toMatchObject({
      shown_badge_no: 'R001',
      shown_name: '用户R001',
      shown_position: '接待员',
      shows_confirmed_at: '2026-11-22T01:55:00.000Z',
      registered_at: registeredAt,
    })
    // The snapshot stays as it was even if the user record changes later.
    core.connection.raw.prepare("UPDATE users SET position = '值班长' WHERE badge_no = 'R001'").run()
    expect(visitRow(core, caseNumber)).toMatchObject({ shown_position: '接待员' })
  })

  it('never records the shows as confirmed after the registration itself', async ({ core }) => {
    const { caseNumber } = await ok(
      core,
      'r1',
      'intake.register',
      validIntake('420106196503120311', { showsConfirmedAt: '2026-11-22T03:00:00.000Z' }),
    )
    expect(visitRow(core, caseNumber)).toMatchObject({
      shows_confirmed_at: '2026-11-22T02:00:00.000Z',
      registered_at: '2026-11-22T02:00:00.000Z',
    })
  })

  it('stores the headcount and the representatives of a group visit', async ({ core }) => {
    const { caseNumber } = await ok(
      core,
      'r1',
      'intake.register',
      validIntake('420106196503120311', {
        kind: 'group',
        headcount: 30,
        representatives: [representative(' 张三 ', 1, { idNumber: '110101199003074514', phone: ' 138 1234 4567 ' }), representative('李四', 2, { noId: true, idNumber: '', noIdReason: '未携带身份证', phone: '' })],
      }),
    )
    const row = visitRow(core, caseNumber)
    expect(row).toMatchObject({ kind: 'group', headcount: 30 })
    expect(JSON.parse(String(row.representatives))).toEqual([
      { name: '张三', idNumber: '110101199003074514', noIdReason: null, phone: '13812344567' },
      { name: '李四', idNumber: null, noIdReason: '未携带身份证', phone: null },
    ])
  })

  // Regression: representative names were once stored with control and bidi characters.
  it('stores representative names without control or bidi characters', async ({ core }) => {
    const { caseNumber } = await ok(
      core,
      'r1',
      'intake.register',
      validIntake('420106196503120311', {
        kind: 'group',
        headcount: 3,
        representatives: representatives('张\u202E三', '李\u0000四'),
      }),
    )
    expect((JSON.parse(String(visitRow(core, caseNumber).representatives)) as { name: string }[]).map((r) => r.name)).toEqual(['张三', '李四'])
  })

  it('stores the reason and no ID number for a visitor without ID', async ({ core }) => {
    const { caseNumber } = await ok(
      core,
      'r1',
      'intake.register',
      validIntake('', {
        visitor: {
          name: '无名氏',
          noId: true,
          idNumber: '',
          noIdReason: '未携带身份证，据本人口述登记',
          phone: '',
          address: '武汉市洪山区',
        },
      }),
    )
    expect(visitRow(core, caseNumber)).toMatchObject({
      no_id_reason: '未携带身份证，据本人口述登记',
      visitor_phone: null,
    })
    const visitor = core.connection.raw
      .prepare(
        'SELECT p.id_number, p.birth_date, p.sex FROM visits v JOIN visitors p ON p.id = v.visitor_id WHERE v.case_number = ?',
      )
      .get(caseNumber)
    expect(visitor).toEqual({ id_number: null, birth_date: null, sex: null })
  })
})

describe('today’s log and the audit trail', () => {
  const ids = ['420106196503120311', '110105198807300426', '42010619810517003X']

  it('show masked ID numbers only', async ({ core }) => {
    for (const id of ids) await ok(core, 'r1', 'intake.register', validIntake(id))
    await ok(
      core,
      'r1',
      'intake.register',
      validIntake('', {
        visitor: {
          name: '无名氏',
          noId: true,
          idNumber: '',
          noIdReason: '未携带',
          phone: '',
          address: '武汉市',
        },
      }),
    )
    const today = await ok(core, 'r1', 'visits.today', {})
    expect(today).toHaveLength(4)
    const json = JSON.stringify(today)
    for (const id of ids) expect(json).not.toContain(id)
    expect(json).not.toMatch(/\d{17}[\dX]/)
    expect(today.map((r) => r.maskedIdNumber)).toEqual([
      '',
      '420106********003X',
      '110105********0426',
      '420106********0311',
    ])
  })

  it('has an intake.register row for each case without ID numbers, phone numbers or answers', async ({ core }) => {
    const cases: string[] = []
    for (const id of ids) cases.push((await ok(core, 'r1', 'intake.register', validIntake(id))).caseNumber)
    const rows = core.connection.raw
      .prepare("SELECT entity, entity_id, detail FROM audit_log WHERE action = 'intake.register' ORDER BY id")
      .all() as { entity: string; entity_id: string; detail: string }[]
    expect(rows.map((r) => r.entity_id)).toEqual(cases)
    const answers = Object.values(validIntake().answers).map((a) => a.text)
    for (const row of rows) {
      expect(row.entity).toBe('visit')
      expect(JSON.parse(row.detail)).toEqual({
        kind: 'individual',
        headcount: 1,
        categoryId: 4,
        routing: 'accepted',
      })
      for (const id of ids) expect(row.detail).not.toContain(id)
      expect(row.detail).not.toContain('13700002222')
      for (const text of answers) expect(row.detail).not.toContain(text)
    }
  })
})
