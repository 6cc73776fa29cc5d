import { representatives } from '../support/representatives'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import { DATABASE_FILE } from '../../electron/paths'
import { openConnection } from '../../electron/db/connection'
import { databaseKeyIn } from '../../electron/services/keys/hall-secret'
import { migrate } from '../../electron/db/migrate'
import { MIGRATIONS } from '../../electron/db/migrations'
import type { Routing } from '../../shared/domain'
import type { RpcError, RpcResult } from '../../shared/rpc/result'
import type { SearchResult } from '../../shared/cases/types'
import type { IntakeInput } from '../../shared/intake/schemas'
import samples from '../fixtures/sample-visits.json'
import { withStandardCheck } from '../support/gb11643'
import {
  ENGINE,
  addUser,
  call,
  fakeClock,
  ok,
  setUpHall,
  tempDir,
  testCore,
  validIntake,
  type FakeClock,
} from './helpers'

type By = 'auto' | 'caseNumber' | 'name' | 'idNumber' | 'phone' | 'text'
type Sample = (typeof samples.visits)[number]

/** A valid ID number born on the day, with a serial: the check character comes from the standard's formula. */
function makeId(birth: string, serial: number, area = '420102'): string {
  const first17 = `${area}${birth}${String(serial).padStart(3, '0')}`
  return withStandardCheck(first17)
}

/** One visitor and what they said (the four answers other than the facts are kept short). */
interface Visit {
  name: string
  idNumber: string | null
  phone: string
  facts: string
  demands?: string
  routing?: Routing
  /** Hall-local day of the visit, YYYY-MM-DD; the clock is moved there before registering. */
  day: string
}

const LU_ID = '420106196503120311'
const X_ID = '42010619810517003X'

// Variations on the sample visits: two-, three- and four-character names, a returning visitor,
// an ID number ending in X, and answers sharing the terms searched for below.
const VARIATIONS: Visit[] = [
  {
    name: '刘芳',
    idNumber: makeId('19850312', 22),
    phone: '13800000001',
    facts: '公司欠薪半年，老板已失联。',
    day: '2026-11-23',
  },
  {
    name: '王磊',
    idNumber: makeId('19790101', 31),
    phone: '13800000002',
    facts: '小区供暖不热，室温只有十二度。',
    day: '2026-11-23',
  },
  {
    name: '陈志强',
    idNumber: makeId('19700505', 45),
    phone: '13800000003',
    facts: '工地欠薪，包工头拒不支付工资。',
    day: '2026-11-23',
  },
  {
    name: '李红梅',
    idNumber: makeId('19680808', 52),
    phone: '13800000004',
    facts: '楼上漏水，物业推诿不处理。',
    day: '2026-11-23',
  },
  {
    name: '赵敏',
    idNumber: makeId('19900220', 61),
    phone: '13800000005',
    facts: '道路夜间施工，噪音扰民。',
    day: '2026-11-23',
  },
  {
    name: '孙丽',
    idNumber: makeId('19660618', 73),
    phone: '13800000006',
    facts: '医保报销比例有异议。',
    day: '2026-11-23',
  },
  {
    name: '周强',
    idNumber: makeId('19751111', 85),
    phone: '13800000007',
    facts: '要求补发拖欠的欠薪及加班费。',
    day: '2026-11-23',
  },
  {
    name: '吴刚',
    idNumber: makeId('19600909', 97),
    phone: '13800000008',
    facts: '拆迁补偿标准过低，与周边不一致。',
    day: '2026-12-01',
  },
  {
    name: '郑爽',
    idNumber: makeId('19880430', 14),
    phone: '13800000009',
    facts: '孩子入学被拒，户籍在外地。',
    day: '2026-12-01',
  },
  // '头堡' occurs only across the full stop: it must not be found.
  {
    name: '冯涛',
    idNumber: makeId('19720707', 26),
    phone: '13800000010',
    facts: '问题出在桥头。堡垒式违建已拆除，无人管理。',
    day: '2026-12-01',
  },
  {
    name: '马丽',
    idNumber: makeId('19830303', 38),
    phone: '13800000011',
    facts: '低保资格被取消，未说明理由。',
    day: '2026-12-01',
  },
  // 供热, not 供暖.
  {
    name: '何平',
    idNumber: makeId('19810201', 40),
    phone: '13800000012',
    facts: '暖气片漏水，供热公司不维修。',
    day: '2026-12-01',
  },
  // 排水 and 系统 both occur, but never as 排水系统.
  {
    name: '罗伟',
    idNumber: X_ID,
    phone: '13800000013',
    facts: '排水管道破裂，雨水系统瘫痪。',
    day: '2026-12-01',
  },
  {
    name: '高志明',
    idNumber: makeId('19770707', 59),
    phone: '13800000014',
    facts: '集体供暖费用分摊不合理。',
    day: '2026-12-01',
  },
  {
    name: '欧阳娜娜',
    idNumber: makeId('19950515', 68),
    phone: '13800000015',
    facts: '网购商品质量问题，商家拒绝退货。',
    day: '2026-12-01',
  },
  // A name written with a middle dot, as Uyghur and other minority names are.
  {
    name: '买买提·艾力',
    idNumber: makeId('19860606', 77, '650102'),
    phone: '13800000016',
    facts: '承包地被占用，未获补偿。',
    day: '2026-12-01',
  },
  // The visitor of sample 2 comes back about the same matter.
  {
    name: '吕建国',
    idNumber: LU_ID,
    phone: '13700002222',
    facts: '排水系统仍未修复，再次来访。',
    day: '2026-12-01',
  },
]

const FULL_ID = /\d{17}[\dX]/i

let dir: ReturnType<typeof tempDir>
let core: Core & { clock: FakeClock }
/** Case numbers by visitor name (in the order registered). */
const cases = new Map<string, string[]>()
let categoryIds: Map<string, number>

function sampleIntake(s: Sample, routing: Routing): IntakeInput {
  const answer = (text: string) => ({ text, mark: null, reason: '' })
  const group = s.kind === 'group'
  return validIntake(s.visitor.idNumber ?? '', {
    visitor: {
      name: s.visitor.name,
      noId: s.visitor.idNumber === null,
      idNumber: s.visitor.idNumber ?? '',
      noIdReason: 'noIdReason' in s.visitor ? (s.visitor.noIdReason ?? '') : '',
      phone: s.visitor.phone ?? '',
      address: s.visitor.address,
    },
    kind: group ? 'group' : 'individual',
    headcount: s.headcount,
    representatives: 'representatives' in s ? representatives(...(s.representatives ?? [])) : [],
    answers: {
      facts: answer(s.facts),
      demands: answer(s.demands),
      difficulties: answer(s.difficulties),
      history: answer(s.history),
      priorHandling: answer(s.priorHandling),
    },
    categoryId: categoryIds.get(s.category) ?? 0,
    routing,
    unitId: routing === 'assigned' ? 1 : 0,
  })
}

function variationIntake(v: Visit): IntakeInput {
  const answer = (text: string) => ({ text, mark: null, reason: '' })
  return validIntake(v.idNumber ?? '', {
    visitor: {
      name: v.name,
      noId: false,
      idNumber: v.idNumber ?? '',
      noIdReason: '',
      phone: v.phone,
      address: '武汉市江岸区某街道',
    },
    answers: {
      facts: answer(v.facts),
      demands: answer(v.demands ?? '请求有关部门依法处理。'),
      difficulties: answer('生活困难。'),
      history: answer('无。'),
      priorHandling: answer('无。'),
    },
    categoryId: 20,
    routing: v.routing ?? 'accepted',
  })
}

async function register(session: string, input: IntakeInput, name: string): Promise<string> {
  const { caseNumber } = await ok(core, session, 'intake.register', input)
  cases.set(name, [...(cases.get(name) ?? []), caseNumber])
  return caseNumber
}

function caseOf(name: string, i = 0): string {
  const n = cases.get(name)?.[i]
  if (n === undefined) throw new Error(`no case of ${name}`)
  return n
}

async function search(query: string, by: By = 'auto'): Promise<SearchResult> {
  return ok(core, 'r1', 'cases.search', { query, by })
}

async function found(query: string, by: By = 'auto'): Promise<string[]> {
  return (await search(query, by)).rows.map((r) => r.caseNumber)
}

function refused(result: RpcResult<unknown>): RpcError {
  if (result.ok) throw new Error('expected a refusal, the call succeeded')
  return result.error
}

describe('cases.search', () => {
  beforeAll(async () => {
    dir = tempDir()
    core = await testCore(dir.dir)
    await setUpHall(core)
    await ok(core, 'admin', 'settings.update', {
      address: '中北路1号',
      phone: '027-88886666',
      receiptLayout: 'a5',
      receiptPrinter: null,
      idleLockMinutes: 0,
    })
    await addUser(core, 'r1', 'receptionist', 'R001')
    categoryIds = new Map((await ok(core, 'r1', 'categories.list', {})).map((c) => [c.name, c.id]))
    const routings: Routing[] = ['resolved', 'assigned', 'accepted', 'resolved', 'accepted']
    for (const [i, s] of samples.visits.entries())
      await register('r1', sampleIntake(s, routings[i] ?? 'accepted'), s.visitor.name)
    for (const v of VARIATIONS) {
      core.clock.set(`${v.day}T02:00:00.000Z`)
      await register('r1', variationIntake(v), v.name)
    }
  })
  afterAll(async () => {
    await core.close()
    dir.remove()
  })

  it('registered every visit', () => {
    expect([...cases.values()].flat()).toHaveLength(samples.visits.length + VARIATIONS.length)
    expect(caseOf('邓秀英')).toBe('WH-20261122-0001')
    expect(caseOf('刘芳')).toBe('WH-20261123-0001')
    expect(caseOf('吴刚')).toBe('WH-20261201-0001')
  })

  describe('by case number', () => {
    it('finds one case by its exact number, in any letter case', async () => {
      const n = caseOf('吕建国')
      expect(await search(n)).toMatchObject({
        by: 'caseNumber',
        rows: [{ caseNumber: n, visitorName: '吕建国' }],
      })
      expect(await found(n.toLowerCase())).toEqual([n])
      expect(await found(n, 'caseNumber')).toEqual([n])
      expect(await found('WH-20261122-0099')).toEqual([])
    })

    it('lists a month or a day by a prefix such as WH-202611', async () => {
      const all = [...cases.values()].flat()
      const november = all
        .filter((n) => n.startsWith('WH-202611'))
        .sort()
        .reverse()
      expect(november).toHaveLength(samples.visits.length + 7)
      const result = await search('WH-202611')
      expect(result.by).toBe('caseNumber')
      expect(result.rows.map((r) => r.caseNumber)).toEqual(november)
      expect(await found('wh-20261201')).toEqual(
        all
          .filter((n) => n.startsWith('WH-20261201'))
          .sort()
          .reverse(),
      )
      expect(await found('WH-20261122-', 'caseNumber')).toHaveLength(samples.visits.length)
      expect(await found('WH-202610')).toEqual([])
    })
  })

  describe('by name', () => {
    it('finds two-, three- and four-character names, newest first', async () => {
      // 刘芳 is also a representative of sample 3 (王立新's group visit): listed after her own case.
      expect(await search('刘芳')).toMatchObject({
        by: 'name',
        rows: [
          { caseNumber: caseOf('刘芳'), visitorName: '刘芳', match: 'name' },
          { caseNumber: caseOf('王立新'), visitorName: '王立新', match: 'representative' },
        ],
      })
      expect(await search('王立新')).toMatchObject({
        by: 'name',
        rows: [{ caseNumber: caseOf('王立新'), visitorName: '王立新' }],
      })
      expect(await search('欧阳娜娜')).toMatchObject({
        by: 'name',
        rows: [{ caseNumber: caseOf('欧阳娜娜') }],
      })
      expect(await found('吕建国', 'name')).toEqual([caseOf('吕建国', 1), caseOf('吕建国', 0)])
      // A name is matched as written, not by its characters one by one.
      expect(await found('王磊')).toEqual([caseOf('王磊')])
      expect(await found('王刚', 'name')).toEqual([])
    })

    it('finds a name written with a middle dot', async () => {
      expect(await found('买买提·艾力', 'name')).toEqual([caseOf('买买提·艾力')])
      expect(await found('艾力', 'name')).toEqual([caseOf('买买提·艾力')])
    })

    it('finds a name among the representatives of a group visit, after the visitors themselves, and not in the answers', async () => {
      // 刘芳 is one of the five representatives of sample 3 (visitor 王立新); 张卫东 is only a representative.
      expect(await found('刘芳', 'name')).toEqual([caseOf('刘芳'), caseOf('王立新')])
      expect(await search('张卫东')).toMatchObject({ by: 'name', rows: [{ caseNumber: caseOf('王立新'), match: 'representative' }] })
      expect(await found('排水', 'name')).toEqual([])
    })
  })

  describe('by ID number and phone', () => {
    it('finds every visit of a visitor by ID number, and shows it masked', async () => {
      const result = await search(LU_ID)
      expect(result.by).toBe('idNumber')
      expect(result.rows.map((r) => r.caseNumber).sort()).toEqual(
        [caseOf('吕建国', 0), caseOf('吕建国', 1)].sort(),
      )
      expect(result.rows.map((r) => r.maskedIdNumber)).toEqual(['420106********0311', '420106********0311'])
      expect(await found(LU_ID, 'idNumber')).toHaveLength(2)
    })

    it('normalises a lowercase x', async () => {
      const lower = X_ID.toLowerCase()
      expect(await search(lower)).toMatchObject({
        by: 'idNumber',
        rows: [{ caseNumber: caseOf('罗伟'), maskedIdNumber: '420106********003X' }],
      })
      expect(await found(lower, 'idNumber')).toEqual([caseOf('罗伟')])
    })

    it('finds by phone, typed with or without spaces', async () => {
      const result = await search('13600003333')
      expect(result.by).toBe('phone')
      expect(result.rows.map((r) => r.caseNumber)).toEqual([caseOf('王立新')])
      expect(await found('136 0000 3333', 'phone')).toEqual([caseOf('王立新')])
      expect((await found('13700002222')).sort()).toEqual([caseOf('吕建国', 0), caseOf('吕建国', 1)].sort())
      expect(await found('13900009999')).toEqual([])
    })
  })

  describe('full text', () => {
    it('finds a two-character term in the answers of every visit that has it', async () => {
      const heating = await search('供暖', 'text')
      expect(heating.by).toBe('text')
      expect(heating.rows.map((r) => r.caseNumber).sort()).toEqual(
        [caseOf('郝卫平'), caseOf('王磊'), caseOf('高志明')].sort(),
      )
      expect((await found('欠薪', 'text')).sort()).toEqual(
        [caseOf('刘芳'), caseOf('陈志强'), caseOf('周强')].sort(),
      )
    })

    it('finds a four-character term only where it is written together', async () => {
      // 罗伟's answer has 排水 and 系统 apart: the term is a phrase, not two words.
      expect(await found('排水系统', 'text')).toEqual([caseOf('吕建国', 1), caseOf('吕建国', 0)])
      expect(await found('排水', 'text')).toEqual([caseOf('吕建国', 1), caseOf('罗伟'), caseOf('吕建国', 0)])
    })

    it('finds longer phrases, and words typed with a space between them', async () => {
      expect(await search('拖欠三个月工资')).toMatchObject({
        by: 'text',
        rows: [{ caseNumber: caseOf('王立新') }],
      })
      expect(await found('抚恤金 银行', 'text')).toEqual([caseOf('邓秀英')])
      expect(await found('抚恤金 学校', 'text')).toEqual([])
    })

    it('does not match a term that appears only across a punctuation mark', async () => {
      expect(await found('桥头', 'text')).toEqual([caseOf('冯涛')])
      expect(await found('堡垒', 'text')).toEqual([caseOf('冯涛')])
      expect(await found('头堡', 'text')).toEqual([])
    })

    it('covers the visits of every day, not only today’s', async () => {
      const days = (await search('供暖', 'text')).rows.map((r) => r.caseNumber.slice(3, 11))
      expect(new Set(days)).toEqual(new Set(['20261122', '20261123', '20261201']))
    })
  })

  describe('auto', () => {
    it('guesses case numbers, ID numbers, phones, names and long phrases', async () => {
      const guesses: [string, SearchResult['by']][] = [
        [caseOf('吕建国'), 'caseNumber'],
        ['WH-202611', 'caseNumber'],
        [LU_ID, 'idNumber'],
        [X_ID.toLowerCase(), 'idNumber'],
        ['13600003333', 'phone'],
        ['刘芳', 'name'],
        ['王立新', 'name'],
        ['拖欠三个月工资', 'text'],
      ]
      for (const [query, by] of guesses) expect((await search(query)).by, query).toBe(by)
    })

    // Two to four Chinese characters may be a name or a word of the answers (the search page
    // defaults to 'auto'; tests/e2e/cases.spec.ts looks for '排水' and expects 全文).
    it('guesses a two- or four-character term of the answers as full text and finds it', async () => {
      for (const [query, expected] of [
        ['供暖', [caseOf('郝卫平'), caseOf('王磊'), caseOf('高志明')]],
        ['欠薪', [caseOf('刘芳'), caseOf('陈志强'), caseOf('周强')]],
        ['排水系统', [caseOf('吕建国', 0), caseOf('吕建国', 1)]],
      ] as const) {
        const result = await search(query)
        expect(result.by, query).toBe('text')
        // 自动识别 also lists the cases filed under a category of that name (劳动社保·欠薪, 城乡建设·供暖).
        const inAnswers = result.rows.filter((r) => r.match === 'text').map((r) => r.caseNumber)
        const inCategory = result.rows.filter((r) => r.match === 'category')
        expect([...inAnswers, ...inCategory.map((r) => r.caseNumber)].sort(), query).toEqual(result.rows.map((r) => r.caseNumber).sort())
        for (const r of inCategory) expect(r.category, query).toContain(query)
        expect([...inAnswers, ...inCategory.filter((r) => expected.includes(r.caseNumber as never)).map((r) => r.caseNumber)].sort(), query).toEqual(
          [...expected].sort(),
        )
      }
    })
  })

  // Regression: a length cap of 4 once made 'auto' take a name with a middle dot (买买提·艾力,
  // 6 characters) for full text, and it found nothing.
  it('auto guesses a name written with a middle dot as a name', async () => {
    const result = await search('买买提·艾力')
    expect(result.by).toBe('name')
    expect(result.rows.map((r) => r.caseNumber)).toEqual([caseOf('买买提·艾力')])
  })

  // What people type at the desk (issue 13): a part of the case number read off a receipt, the
  // last four digits of a phone as the lists show it (138****4567), a name with the last digits of
  // the ID number, a category's name; ranked case number, ID, phone, name, text, each with its reason.
  describe('what people type', () => {
    it('finds a case by the day and number of its case number, or by the number alone', async () => {
      const n = caseOf('王磊')
      const [, day, seq] = /^WH-(\d{8})-(\d{4})$/.exec(n) ?? []
      expect(await search(`${day}-${seq}`)).toMatchObject({ by: 'caseNumber', rows: [{ caseNumber: n, match: 'caseNumberPart' }] })
      const bySeq = await search(seq ?? '')
      const parts = bySeq.rows.filter((r) => r.match === 'caseNumberPart').map((r) => r.caseNumber)
      // One case of that number on each hall day that had that many visits, newest first.
      expect(parts).toContain(n)
      for (const c of parts) expect(c.endsWith(`-${seq}`), c).toBe(true)
      expect(new Set(parts.map((c) => c.slice(3, 11))).size).toBe(parts.length)
      expect(bySeq.rows[0]?.match).toBe('caseNumberPart')
    })

    it('finds a visitor by the last four digits of the phone', async () => {
      // 王立新 (13600003333): no case number ends in 3333, so only the phone matches.
      expect(await search('3333')).toEqual({ by: 'phone', rows: [expect.objectContaining({ caseNumber: caseOf('王立新'), match: 'phoneTail' })] })
      expect(await found('3333', 'phone')).toEqual([caseOf('王立新')])
    })

    it('ranks a case number above a phone for the same digits', async () => {
      // The variations' phones end in 0001, 0002 …; pick one whose case has another number, on a
      // day where some case has that number.
      const all = [...cases.values()].flat()
      const pick = VARIATIONS.map((v) => ({ name: v.name, tail: v.phone.slice(-4) })).find(
        ({ name, tail }) => !caseOf(name).endsWith(`-${tail}`) && all.some((c) => c.endsWith(`-${tail}`)),
      )
      expect(pick).toBeDefined()
      const result = await search(pick?.tail ?? '')
      const matches = result.rows.map((r) => r.match)
      expect(matches[0]).toBe('caseNumberPart')
      expect(result.rows.find((r) => r.caseNumber === caseOf(pick?.name ?? ''))?.match).toBe('phoneTail')
      expect(matches.lastIndexOf('caseNumberPart')).toBeLessThan(matches.indexOf('phoneTail'))
    })

    it('finds a visitor by name and the last digits of the ID number, in either order', async () => {
      const both = [caseOf('吕建国', 1), caseOf('吕建国', 0)]
      for (const q of ['吕建国 0311', '吕建国0311', '0311 吕建国']) {
        const result = await search(q)
        expect(result.by, q).toBe('idNumber')
        expect(result.rows.map((r) => [r.caseNumber, r.match]), q).toEqual(both.map((c) => [c, 'idTailAndName']))
      }
      // 罗伟's number ends in X (typed small), the same name with other digits finds nothing.
      expect(await found('罗伟 003x')).toEqual([caseOf('罗伟')])
      expect(await found('吕建国 0312')).toEqual([])
    })

    it("finds the cases of a category by the category's name, after the answers' own words", async () => {
      const result = await search('户籍')
      expect(result.rows.length).toBeGreaterThan(0)
      for (const r of result.rows.filter((x) => x.match === 'category')) expect(r.category).toBe('公安·户籍')
      expect(result.rows.map((r) => r.caseNumber)).toContain(caseOf('张桂兰'))
    })

    it('ranks an exact case number first and says for each row why it matched', async () => {
      const n = caseOf('郝卫平')
      expect(await search(n)).toMatchObject({ by: 'caseNumber', rows: [{ caseNumber: n, match: 'caseNumber' }] })
      // 高志明 is both a visitor of his own and a representative of 郝卫平's group visit.
      const result = await search('高志明')
      expect(result.rows.map((r) => [r.caseNumber, r.match])).toEqual([
        [caseOf('高志明'), 'name'],
        [n, 'representative'],
      ])
    })
  })

  describe('refusals and masking', () => {
    it('refuses a one-character query with a Chinese message', async () => {
      for (const by of ['auto', 'name', 'text'] as const) {
        const error = refused(await call(core, 'r1', 'cases.search', { query: '排', by }))
        expect(error.code).toBe('VALIDATION')
        expect(error.message, by).toContain('至少输入两个字')
        expect(error.fields?.[0]?.path).toBe('query')
      }
      // Two single characters are still too short to search.
      expect(
        refused(await call(core, 'r1', 'cases.search', { query: '排 水', by: 'text' })).message,
      ).toContain('至少输入两个字')
    })

    it('never returns a full ID number, and masks it as 420106********0311', async () => {
      const queries: [string, By][] = [
        ['WH-2026', 'caseNumber'],
        [LU_ID, 'idNumber'],
        [X_ID, 'idNumber'],
        ['13700002222', 'phone'],
        ['吕建国', 'name'],
        ['生活困难', 'text'],
        ['供暖', 'text'],
        ['排水', 'text'],
      ]
      let rows = 0
      for (const [query, by] of queries) {
        const result = await ok(core, 'r1', 'cases.search', { query, by })
        rows += result.rows.length
        expect(JSON.stringify(result), query).not.toMatch(FULL_ID)
        for (const r of result.rows)
          expect(
            r.maskedIdNumber === '' || /^\d{6}\*{8}\d{3}[\dX]$/.test(r.maskedIdNumber),
            r.maskedIdNumber,
          ).toBe(true)
      }
      expect(rows).toBeGreaterThan(samples.visits.length + VARIATIONS.length)
      const all = await search('WH-2026')
      expect(all.rows).toHaveLength(samples.visits.length + VARIATIONS.length)
      expect(all.rows.find((r) => r.caseNumber === caseOf('吕建国'))?.maskedIdNumber).toBe(
        '420106********0311',
      )
      // The visitor without an ID card: nothing to mask, nothing shown.
      expect(all.rows.find((r) => r.caseNumber === caseOf('张桂兰'))?.maskedIdNumber).toBe('')
    })
  })
})

// SQLite only: it builds a SQLite file at schema version 2 and copies rows in with ATTACH; a
// hall's PostgreSQL database is new with issue #10 and has no such older files to upgrade.
describe.skipIf(ENGINE !== 'sqlite')('visits registered before the cases migration', () => {
  const dirs: ReturnType<typeof tempDir>[] = []
  const cores: Core[] = []
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.close()
    for (const d of dirs.splice(0)) d.remove()
  })

  /**
   * Registers six visits with the current app, copies them into a database of schema version 2
   * (before case lifecycles and the search index existed), and opens that with the current app,
   * which migrates it. Returns the migrated core, `r1` signed in, and the case numbers.
   */
  async function migratedHall(): Promise<{ core: Core; numbers: string[] }> {
    const source = tempDir()
    const target = tempDir()
    dirs.push(source, target)
    const clock = fakeClock()
    const first = await testCore(source.dir, clock)
    await setUpHall(first)
    await addUser(first, 'r1', 'receptionist', 'R001')
    const numbers: string[] = []
    for (const [i, v] of VARIATIONS.slice(0, 6).entries()) {
      const input = variationIntake({ ...v, idNumber: makeId('19800101', 100 + i) })
      numbers.push((await ok(first, 'r1', 'intake.register', input)).caseNumber)
    }
    await first.close()

    const old = openConnection(join(target.dir, DATABASE_FILE), null)
    await migrate(old.db, MIGRATIONS.slice(0, 2))
    // The source is the current app's file, encrypted with its hall's key; the old one is plain.
    old.raw.pragma(`cipher = 'sqlcipher'`)
    old.raw.pragma('legacy = 4')
    old.raw.prepare('ATTACH DATABASE ? AS src KEY ?').run(join(source.dir, DATABASE_FILE), `x'${databaseKeyIn(source.dir)?.toString('hex') ?? ''}'`)
    for (const table of ['hall', 'users', 'visitors', 'visits', 'case_sequences']) {
      const columns = (name: string) =>
        (old.raw.prepare(`PRAGMA ${name}.table_info(${table})`).all() as { name: string }[]).map(
          (c) => c.name,
        )
      const shared = columns('main').filter((c) => columns('src').includes(c))
      const list = shared.map((c) => `"${c}"`).join(', ')
      old.raw.exec(`INSERT INTO main.${table} (${list}) SELECT ${list} FROM src.${table}`)
    }
    old.raw.exec('DETACH DATABASE src')
    expect(old.raw.prepare('SELECT count(*) FROM visits').pluck().get()).toBe(numbers.length)
    expect(
      old.raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'visit_search'").pluck().get(),
    ).toBe(0)
    await old.close()

    const migrated = await testCore(target.dir, clock)
    cores.push(migrated)
    await ok(migrated, 'r1', 'auth.signIn', { badgeNo: 'R001', password: 'Mine2026pass' })
    return { core: migrated, numbers }
  }

  it('are all in the search index once the migration has run', async () => {
    const { core: migrated, numbers } = await migratedHall()
    const find = async (query: string, by: By) =>
      (await ok(migrated, 'r1', 'cases.search', { query, by })).rows.map((r) => r.caseNumber).sort()
    expect(await find('欠薪', 'text')).toEqual([numbers[0], numbers[2]].sort())
    for (const [i, v] of VARIATIONS.slice(0, 6).entries()) {
      expect(await find(v.name, 'name'), v.name).toEqual([numbers[i]])
    }
    expect(await find('工资', 'text')).toEqual([numbers[2]])
    expect(await find('生活困难', 'text')).toEqual([...numbers].sort())
  })

  // Regression: cases open before migration 0003 once had no due date in 督办 (never overdue,
  // sorted last), although cases.get computed their handling clock (2026-11-22 + 60 → 2027-01-21).
  it('have their due dates in 督办 after the migration', async () => {
    const { core: migrated, numbers } = await migratedHall()
    const view = await ok(migrated, 'r1', 'cases.supervision', {
      unitId: null,
      categoryId: null,
      today: '2027-02-01',
    })
    expect(view.rows).toHaveLength(numbers.length)
    for (const row of view.rows) {
      const detail = await ok(migrated, 'r1', 'cases.get', { caseNumber: row.caseNumber })
      const handling = detail.clocks.find((k) => k.key === 'handling')?.due
      expect(handling, row.caseNumber).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(row.dueDate, row.caseNumber).toBe(handling)
    }
    expect(view.counts.overdue).toBe(numbers.length)
  })
})
