import { describe, expect } from 'vitest'
import { isoDay } from '../../shared/days'
import { logRows } from '../../electron/services/reports/log-rows'
import type { MatterCandidatesInput } from '../../shared/matters/schemas'
import { matterQuery } from '../support/matter-query'
import type { MatterCandidate } from '../../shared/matters/types'
import type { IntakeInput } from '../../shared/intake/schemas'
import { it, type TestCore } from './fixtures'
import { call, ok, validIntake } from './helpers'
import { representatives } from '../support/representatives'

// Issue #16: earlier cases that may be the same matter, each with its reason, confirmed or
// rejected by the receptionist, never linked by the app itself. The expected values below come
// from the issue: 同一身份证号 outranks 同名同电话, which outranks 同名同住址, then an earlier group's
// representative; the text counts in percent on top (诉求相似 82%) and alone above the hall's
// threshold (default 60%).

const DAY = 86_400_000
const ID_A = '420106196503120311'
const ID_B = '110105198807300426'
/** Seeded categories: 4 城乡建设·市政设施, 6 劳动社保·欠薪. */
const CIVIC = 4
const WAGES = 6
const WAGE_FACTS = '我在光谷某建筑工地做钢筋工，从今年三月干到八月，包工头张某拖欠工资三万六千元，多次讨要未果，现在人已联系不上。'
const WAGE_DEMANDS = '要求总包单位和包工头支付拖欠的工资三万六千元，并赔偿误工损失。'

it.override('users', { r1: ['receptionist', 'R001'], d1: ['duty_officer', 'D001'] })

/** Days later: idle sessions are locked by then, so the desk signs in again. */
async function later(core: TestCore, ms: number): Promise<void> {
  core.clock.advance(ms)
  await ok(core, 'r1', 'auth.signIn', { badgeNo: 'R001', password: 'Mine2026pass' })
}

const answer = (text: string) => ({ text, mark: null, reason: '' })

/** Registers an intake and returns its case number. */
async function register(core: TestCore, intake: IntakeInput): Promise<string> {
  return (await ok(core, 'r1', 'intake.register', intake)).caseNumber
}

function noIdVisitor(name: string, phone: string, address: string): IntakeInput['visitor'] {
  return { name, noId: true, idNumber: '', noIdReason: '未带身份证', phone, address }
}

function wageIntake(visitor: IntakeInput['visitor'], overrides: Partial<IntakeInput> = {}): IntakeInput {
  return validIntake(ID_A, {
    visitor,
    categoryId: WAGES,
    answers: { ...validIntake().answers, facts: answer(WAGE_FACTS), demands: answer(WAGE_DEMANDS) },
    ...overrides,
  })
}

async function candidates(core: TestCore, overrides: Partial<MatterCandidatesInput> = {}): Promise<MatterCandidate[]> {
  return (await ok(core, 'r1', 'matters.candidates', matterQuery(overrides))).candidates
}

const kinds = (c: MatterCandidate | undefined) => c?.reasons.map((r) => r.kind)

describe('candidates, one for each kind of match', () => {
  it('finds the same ID number, with the case and its reason', async ({ core }) => {
    const first = await register(core, validIntake(ID_A))
    const found = await candidates(core, { noId: false, idNumber: ID_A })
    expect(found.map((c) => c.caseNumber)).toEqual([first])
    expect(found[0]?.reasons).toEqual([{ kind: 'idNumber' }])
    expect(found[0]?.maskedIdNumber).toBe('420106********0311')
  })

  it('finds a visitor without an ID card by the same name and phone, and by the same name and address', async ({ core }) => {
    const first = await register(core, validIntake(ID_A, { visitor: noIdVisitor('王秀英', '13912345678', '武汉市江汉区常青路 88 号 3 栋') }))
    // The same phone typed with spaces, the address with other spacing and punctuation.
    const byPhone = await candidates(core, { name: '王秀英', phone: '139 1234 5678' })
    expect(byPhone.map((c) => [c.caseNumber, kinds(c)])).toEqual([[first, ['namePhone']]])
    const byAddress = await candidates(core, { name: '王秀英', phone: '13800000000', address: '武汉市江汉区常青路88号3栋' })
    expect(byAddress.map((c) => [c.caseNumber, kinds(c)])).toEqual([[first, ['nameAddress']]])
    // Another person of the same name elsewhere is no candidate; nor is the phone under another name.
    expect(await candidates(core, { name: '王秀英', phone: '13800000000', address: '黄石市下陆区' })).toEqual([])
    expect(await candidates(core, { name: '李桂芳', phone: '13912345678' })).toEqual([])
  })

  it('finds an earlier group visit the visitor represented', async ({ core }) => {
    const group = await register(core, 
      validIntake(ID_B, { kind: 'group', headcount: 12, representatives: representatives('陈志刚', '刘梅'), visitor: { ...validIntake().visitor, name: '赵立新', idNumber: ID_B } }),
    )
    const found = await candidates(core, { name: '刘梅', phone: '', address: '' })
    expect(found.map((c) => c.caseNumber)).toEqual([group])
    expect(found[0]?.reasons).toEqual([{ kind: 'representative', name: '刘梅' }])
  })

  it('finds a case of the same category whose facts and demands overlap, in percent, above the threshold only', async ({ core }) => {
    const wages = await register(core, wageIntake(noIdVisitor('孙国庆', '', '武汉市洪山区')))
    const retold = {
      name: '周海波',
      categoryId: WAGES,
      facts: '我在光谷建筑工地做钢筋工，三月干到八月，包工头张某拖欠工资三万六千元，多次讨要未果。',
      demands: '要求总包单位和包工头支付拖欠的工资三万六千元。',
    }
    const found = await candidates(core, retold)
    expect(found.map((c) => c.caseNumber)).toEqual([wages])
    const text = found[0]?.reasons[0]
    expect(text?.kind).toBe('text')
    // Most of the pairs of the shorter retelling are in the first: well above 60%, below 100%.
    expect(text?.kind === 'text' && text.similarity).toBeGreaterThanOrEqual(70)
    expect(text?.kind === 'text' && text.similarity).toBeLessThan(100)
    // Another category is not compared; an unrelated grievance in the same category is below the threshold.
    expect(await candidates(core, { ...retold, categoryId: CIVIC })).toEqual([])
    expect(await candidates(core, { ...retold, facts: '单位未给我缴纳社会保险，今年被辞退也没有经济补偿。', demands: '要求补缴社保。' })).toEqual([])
  })

  it('uses the hall threshold: raised above the similarity, the case is no longer offered', async ({ core }) => {
    await register(core, wageIntake(noIdVisitor('孙国庆', '', '武汉市洪山区')))
    const retold = { categoryId: WAGES, facts: WAGE_FACTS.slice(0, 40), demands: WAGE_DEMANDS }
    const similarity = (await candidates(core, retold))[0]?.reasons[0]
    expect(similarity?.kind).toBe('text')
    const percent = similarity?.kind === 'text' ? similarity.similarity : 0
    await ok(core, 'admin', 'settings.update', { address: '', phone: '', receiptLayout: 'a4', receiptPrinter: null, idleLockMinutes: 10, matterSimilarity: Math.min(100, percent + 1) })
    expect(await candidates(core, retold)).toEqual([])
  })

  it('offers a case exactly at the threshold, and shows its similarity exactly, whatever the sizes of the two texts', async ({ core }) => {
    // Distinct characters, so that a run of k + 1 of them has exactly k distinct pairs.
    const chars = Array.from({ length: 400 }, (_, i) => String.fromCodePoint(0x4e00 + i * 37))
    const run = (from: number, to: number) => chars.slice(from, to + 1).join('')
    // The earlier case: 170 pairs. The retelling: 57 of them plus 30 of its own, 87 pairs.
    // Dice = 2·57 / (170 + 87) = 114 / 257 = 44.36%: below 45, at 44.
    const earlier = await register(core, wageIntake(noIdVisitor('孙国庆', '', '武汉市洪山区'), { answers: { ...validIntake().answers, facts: answer(run(0, 170)), demands: answer(run(0, 20)) } }))
    const retold = { categoryId: WAGES, facts: run(0, 57), demands: run(300, 330) }
    const settings = { address: '', phone: '', receiptLayout: 'a4' as const, receiptPrinter: null, idleLockMinutes: 10 }
    await ok(core, 'admin', 'settings.update', { ...settings, matterSimilarity: 44 })
    const found = await candidates(core, retold)
    expect(found.map((c) => [c.caseNumber, c.reasons])).toEqual([[earlier, [{ kind: 'text', similarity: 44 }]]])
    await ok(core, 'admin', 'settings.update', { ...settings, matterSimilarity: 45 })
    expect(await candidates(core, retold)).toEqual([])
    // 57 of 100 pairs against the same 100 (a retelling of 100 pairs, 57 shared, the case 100):
    // Dice = 114 / 200 = exactly 57%, offered at a threshold of 57 and shown as 57, not 56.
    const hundred = await register(core, wageIntake(noIdVisitor('钱进', '', '武汉市青山区'), { categoryId: CIVIC, answers: { ...validIntake().answers, facts: answer(run(0, 100)), demands: answer(run(0, 10)) } }))
    await ok(core, 'admin', 'settings.update', { ...settings, matterSimilarity: 57 })
    const exact = await candidates(core, { categoryId: CIVIC, facts: run(0, 57), demands: run(200, 243) })
    expect(exact.map((c) => [c.caseNumber, c.reasons])).toEqual([[hundred, [{ kind: 'text', similarity: 57 }]]])
  })

  it('ranks the same person with the same story first, then by the strength of the reason', async ({ core }) => {
    const byId = await register(core, wageIntake({ ...validIntake().visitor, name: '吕建国', idNumber: ID_A, phone: '13700002222', address: '武汉市武昌区中山路 1 号' }))
    // The same name and phone, another matter of another category.
    const byPhone = await register(core, validIntake(ID_B, { visitor: { ...validIntake().visitor, name: '吕建国', idNumber: ID_B, phone: '13700002222', address: '孝感市' } }))
    const byAddress = await register(core, validIntake(ID_B, { visitor: noIdVisitor('吕建国', '13600001111', '武汉市武昌区中山路1号') }))
    const byGroup = await register(core, 
      validIntake(ID_B, { kind: 'group', headcount: 8, representatives: representatives('吕建国'), visitor: { ...validIntake().visitor, name: '何平', idNumber: '330105195201010173' } }),
    )
    const found = await candidates(core, {
      name: '吕建国',
      noId: false,
      idNumber: ID_A,
      phone: '13700002222',
      address: '武汉市武昌区中山路1号',
      categoryId: WAGES,
      facts: WAGE_FACTS,
      demands: WAGE_DEMANDS,
    })
    expect(found.map((c) => c.caseNumber)).toEqual([byId, byPhone, byAddress, byGroup])
    // The first: the same ID number, name and phone, name and address, and the same text (100%).
    expect(kinds(found[0])).toEqual(['idNumber', 'namePhone', 'nameAddress', 'text'])
    expect(found[0]?.reasons.at(-1)).toEqual({ kind: 'text', similarity: 100 })
    expect(found.map((c) => c.score)).toEqual([...found.map((c) => c.score)].sort((a, b) => b - a))
  })
})

describe('confirming and rejecting', () => {
  it('records 不是同一事项 and does not offer the case again for this reception, only for another', async ({ core }) => {
    const first = await register(core, validIntake(ID_A))
    await ok(core, 'r1', 'matters.decide', { intakeId: 'intake-test-0001', caseNumber: first, decision: 'different', reasons: ['idNumber'] })
    expect(await candidates(core, { noId: false, idNumber: ID_A })).toEqual([])
    expect((await candidates(core, { intakeId: 'intake-test-0002', noId: false, idNumber: ID_A })).map((c) => c.caseNumber)).toEqual([first])
    const rows = await core.connection.db.selectFrom('matter_decisions').select(['intake_id', 'decision', 'reasons']).execute()
    expect(rows).toEqual([{ intake_id: 'intake-test-0001', decision: 'different', reasons: '["idNumber"]' }])
    const audit = await core.connection.db.selectFrom('audit_log').select(['entity_id', 'detail']).where('action', '=', 'matter.decide').execute()
    expect(audit.map((a) => a.entity_id)).toEqual([first])
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ decision: 'different' })
  })

  it('records 同一事项: the new visit goes on the earlier case\'s timeline as a repeat visit, and its deadlines do not move', async ({ core }) => {
    const first = await register(core, validIntake(ID_A, { routing: 'assigned', unitId: 1 }))
    const before = await ok(core, 'r1', 'cases.get', { caseNumber: first })
    await later(core, 10 * DAY)
    await ok(core, 'r1', 'matters.decide', { intakeId: 'intake-test-0001', caseNumber: first, decision: 'same', reasons: ['idNumber'] })
    const offered = await candidates(core, { noId: false, idNumber: ID_A })
    expect(offered.map((c) => [c.caseNumber, c.confirmed, c.unit])).toEqual([[first, true, '市住房和城乡建设局']])
    const second = await register(core, 
      validIntake(ID_A, { intakeId: 'intake-test-0001', matterCaseNumber: first, routing: 'resolved', routingReason: '已记入原件，告知办理进度。' }),
    )
    const after = await ok(core, 'r1', 'cases.get', { caseNumber: first })
    const dates = (clocks: typeof before.clocks) => clocks.map((k) => ({ key: k.key, start: k.start, due: k.due, doneOn: k.doneOn }))
    expect(dates(after.clocks)).toEqual(dates(before.clocks))
    expect(after.status).toBe(before.status)
    const repeat = after.events.at(-1)
    expect(repeat?.action).toBe('repeatVisit')
    expect(repeat?.data).toEqual({ caseNumber: second })
    expect(after.repeatVisits).toBe(1)
    expect((await ok(core, 'r1', 'cases.get', { caseNumber: second })).matterCaseNumber).toBe(first)
    const decision = await core.connection.db
      .selectFrom('matter_decisions as d')
      .innerJoin('visits as v', 'v.id', 'd.visit_id')
      .select(['d.decision', 'v.case_number'])
      .execute()
    expect(decision).toEqual([{ decision: 'same', case_number: second }])
    // A third visit confirmed against the repeat visit belongs to the matter's first case.
    const third = await register(core, validIntake(ID_A, { intakeId: 'intake-test-0003', matterCaseNumber: second, routing: 'resolved', routingReason: '告知办理进度。' }))
    expect((await ok(core, 'r1', 'cases.get', { caseNumber: third })).matterCaseNumber).toBe(first)
    expect((await ok(core, 'r1', 'cases.get', { caseNumber: first })).repeatVisits).toBe(2)
    // The earlier visits are one matter: offered once, as the first case, with its repeat count.
    const once = await candidates(core, { intakeId: 'intake-test-0004', noId: false, idNumber: ID_A })
    expect(once.map((c) => [c.caseNumber, c.repeatVisits])).toEqual([[first, 2]])
  })

  it('refuses a matter that is not an earlier case', async ({ core }) => {
    const result = await call(core, 'r1', 'intake.register', validIntake(ID_A, { matterCaseNumber: 'WH-20261122-0099' }))
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.fields?.map((f) => f.path)).toEqual(['matterCaseNumber'])
  })
})

describe('不再受理 after 复核', () => {
  async function recheckedCase(core: TestCore): Promise<string> {
    const first = await register(core, validIntake(ID_A, { routing: 'resolved' }))
    for (const step of [
      { action: 'requestReview', note: '来访人对处理意见不服' },
      { action: 'review', result: '维持原处理意见' },
      { action: 'requestRecheck', note: '来访人对复查意见不服' },
      { action: 'recheck', result: '复核维持' },
    ] as const) {
      await ok(core, 'd1', 'cases.act', { caseNumber: first, step })
    }
    return first
  }

  it('is offered as 不再受理, and a registration on it is refused unless it is 不予受理', async ({ core }) => {
    const first = await recheckedCase(core)
    const [candidate] = await candidates(core, { noId: false, idNumber: ID_A })
    expect(candidate?.caseNumber).toBe(first)
    expect(candidate?.noFurtherAcceptance).toBe(true)
    expect(candidate?.recheckedOn).toBe('2026-11-22')
    const accepted = await call(core, 'r1', 'intake.register', validIntake(ID_A, { matterCaseNumber: first, routing: 'accepted' }))
    expect(accepted.ok).toBe(false)
    expect(!accepted.ok && accepted.error.fields).toEqual([
      { path: 'routing', key: 'v.matter.noFurther', message: `${first} 已经复核，同一事项依法不再受理：办理方式只能选择“不予受理”。` },
    ])
    // Nothing was written by the refused registration.
    expect(await core.connection.db.selectFrom('visits').select('case_number').execute()).toHaveLength(1)
    const rejected = await register(core, 
      validIntake(ID_A, { matterCaseNumber: first, routing: 'rejected', routingBody: '依法通过诉讼、仲裁、行政复议等法定途径', routingContact: '武昌区人民法院立案庭 027-87654321', routingReason: '同一事项已经复核终结，不再受理。' }),
    )
    expect((await ok(core, 'r1', 'cases.get', { caseNumber: rejected })).routing).toBe('rejected')
  })

  it('says so on the receipt', async ({ core }) => {
    const first = await recheckedCase(core)
    const rejected = await register(core, 
      validIntake(ID_A, { matterCaseNumber: first, routing: 'rejected', routingBody: '依法通过诉讼、仲裁、行政复议等法定途径', routingContact: '武昌区人民法院立案庭 027-87654321', routingReason: '同一事项已经复核终结，不再受理。' }),
    )
    const { html } = await ok(core, 'r1', 'receipts.preview', { caseNumber: rejected, layout: 'a4' })
    expect(html).toContain(`本次来访与 ${first} 为同一事项`)
    expect(html).toContain('该事项已经复核，依法不再受理')
  })
})

describe('the text window', () => {
  it('compares a closed case until the window ends, an open one whatever its age', async ({ core }) => {
    const closed = await register(core, wageIntake(noIdVisitor('孙国庆', '', '武汉市洪山区'), { routing: 'resolved' }))
    const open = await register(core, wageIntake(noIdVisitor('钱进', '', '武汉市青山区'), { routing: 'accepted' }))
    const retold = { categoryId: WAGES, facts: WAGE_FACTS, demands: WAGE_DEMANDS }
    expect((await candidates(core, retold)).map((c) => c.caseNumber).sort()).toEqual([closed, open].sort())
    await later(core, 91 * DAY)
    expect((await candidates(core, retold)).map((c) => c.caseNumber)).toEqual([open])
    // Pruned from the index, not only filtered.
    const docs = await core.connection.db.selectFrom('matter_docs as d').innerJoin('visits as v', 'v.id', 'd.visit_id').select('v.case_number').execute()
    expect(docs.map((d) => d.case_number)).toEqual([open])
  })
})

describe('counting repeat visits per matter', () => {
  it('counts them per matter and per person in the statistics, the 台账 and 督办', async ({ core }) => {
    const first = await register(core, validIntake(ID_A, { routing: 'accepted' }))
    // The same matter, the visitor without an ID card this time: a repeat visit per matter, not per person.
    await register(core, 
      validIntake(ID_A, { visitor: noIdVisitor('吕建国', '13700002222', '武汉市武昌区某小区'), matterCaseNumber: first, routing: 'resolved', routingReason: '告知办理进度。' }),
    )
    // The same person on another matter: a repeat visit per person, not per matter.
    await register(core, validIntake(ID_A, { categoryId: WAGES, routing: 'accepted' }))
    const stats = await ok(core, 'd1', 'reports.statistics', { from: '2026-11-22', to: '2026-11-22' })
    expect([stats.repeatVisits, stats.repeatVisitsByMatter, stats.repeatMatters]).toEqual([1, 1, 1])
    const supervision = await ok(core, 'r1', 'cases.supervision', { unitId: null, categoryId: null, today: null })
    const row = supervision.rows.find((r) => r.caseNumber === first)
    expect(row?.repeatVisits).toBe(1)
    expect(supervision.counts.withRepeats).toBe(1)
    // The 台账 names the matter on the repeat visit's line only.
    const lines: string[] = []
    for await (const page of logRows(core.connection.db, { from: isoDay('2026-11-22'), to: isoDay('2026-11-22') })) lines.push(...page.map((r) => r.matterCaseNumber))
    expect(lines).toEqual(['', first, ''])
  })
})
