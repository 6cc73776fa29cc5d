import { describe, expect, it } from 'vitest'
import type { IntakeInput } from '../../shared/intake/schemas'
import { emptyIntake, intakeSchema, isAnswerDone } from '../../shared/intake/schemas'
import { cleanLine, cleanText, toHalfWidth } from '../../shared/text'
import { representative, representatives } from '../support/representatives'

/** A complete, valid intake built from the empty form, as a receptionist would fill it. */
function complete(): IntakeInput {
  const form = emptyIntake()
  form.shows = { badge: true, name: true, position: true }
  form.showsConfirmedAt = '2026-11-22T01:55:00.000Z'
  form.visitor = {
    name: '吕建国',
    noId: false,
    idNumber: '420106196503120311',
    noIdReason: '',
    phone: '13700002222',
    address: '武汉市武昌区某小区',
  }
  form.answers.facts.text = '附近单位施工后，小区排水系统堵塞，雨天地下室积水。'
  form.answers.demands.text = '要求施工单位修复排水管网。'
  form.answers.difficulties.text = '地下室无法使用，老人出行不便。'
  form.answers.history.text = '首次来访。'
  form.answers.priorHandling.text = '曾向物业反映，未解决。'
  form.categoryId = 4
  form.routing = 'accepted'
  return form
}

/** Applies a change to a fresh complete intake. */
function withChange(change: (form: IntakeInput) => void): IntakeInput {
  const form = complete()
  change(form)
  return form
}

/** The issues of a parse as path and message key; empty when the parse succeeded. */
function issues(input: unknown): { path: PropertyKey[]; message: string }[] {
  const result = intakeSchema.safeParse(input)
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path, message: i.message }))
}

function parsed(input: unknown) {
  const result = intakeSchema.safeParse(input)
  if (!result.success) throw new Error(`expected success, got ${JSON.stringify(result.error.issues)}`)
  return result.data
}

describe('intakeSchema', () => {
  it('accepts a complete intake', () => {
    expect(intakeSchema.safeParse(complete()).success).toBe(true)
  })

  it('refuses the empty form', () => {
    expect(intakeSchema.safeParse(emptyIntake()).success).toBe(false)
  })

  it('asks for the three shows when one is not confirmed', () => {
    const form = withChange((f) => {
      f.shows.position = false
    })
    expect(issues(form)).toContainEqual({ path: ['shows'], message: 'v.shows.incomplete' })
  })

  it('asks for the three shows when their time is missing', () => {
    const form = withChange((f) => {
      f.showsConfirmedAt = null
    })
    expect(issues(form)).toEqual([{ path: ['shows'], message: 'v.shows.incomplete' }])
  })

  it('asks for the visitor’s name when it is empty or only spaces', () => {
    for (const name of ['', '   ', '\u200B']) {
      const form = withChange((f) => {
        f.visitor.name = name
      })
      expect(issues(form)).toEqual([{ path: ['visitor', 'name'], message: 'v.visitor.nameRequired' }])
    }
  })

  it('points at the ID number when its check digit is wrong', () => {
    const form = withChange((f) => {
      f.visitor.idNumber = '420106196503120310'
    })
    expect(issues(form)).toEqual([{ path: ['visitor', 'idNumber'], message: 'v.idNumber.checksum' }])
  })

  it('asks for a reason when the visitor has no ID, and does not ask for the ID number', () => {
    const form = withChange((f) => {
      f.visitor = { ...f.visitor, noId: true, idNumber: '', noIdReason: '' }
    })
    expect(issues(form)).toEqual([
      { path: ['visitor', 'noIdReason'], message: 'v.visitor.noIdReasonRequired' },
    ])
  })

  it('accepts a visitor without ID when the reason is given', () => {
    const form = withChange((f) => {
      f.visitor = { ...f.visitor, noId: true, idNumber: '', noIdReason: '未携带身份证，据本人口述登记' }
    })
    expect(issues(form)).toEqual([])
  })

  it('refuses a phone number that is neither a mobile nor a landline', () => {
    const form = withChange((f) => {
      f.visitor.phone = '1381234567'
    })
    expect(issues(form)).toEqual([{ path: ['visitor', 'phone'], message: 'v.phone.invalid' }])
  })

  it('accepts a visitor without a phone number', () => {
    const form = withChange((f) => {
      f.visitor.phone = ''
    })
    expect(issues(form)).toEqual([])
  })

  it('refuses a group visit with six representatives', () => {
    const form = withChange((f) => {
      f.kind = 'group'
      f.headcount = 30
      f.representatives = representatives('张三', '李四', '王五', '赵六', '钱七', '孙八')
    })
    expect(issues(form)).toEqual([{ path: ['representatives'], message: 'v.representatives.tooMany' }])
  })

  it('accepts a group visit with five representatives', () => {
    const form = withChange((f) => {
      f.kind = 'group'
      f.headcount = 30
      f.representatives = representatives('张三', '李四', '王五', '赵六', '钱七')
    })
    expect(issues(form)).toEqual([])
  })

  // Representative names are only trimmed, not cleaned like every other text field
  // (shared/intake/schemas.ts, `representatives` and the check in superRefine).
  it('treats a representative name made only of invisible characters as empty', () => {
    const form = withChange((f) => {
      f.kind = 'group'
      f.headcount = 3
      f.representatives = representatives('张三', '\u200B\u200B')
    })
    expect(issues(form)).toEqual([{ path: ['representatives', 1, 'name'], message: 'v.representatives.empty' }])
  })

  it("checks each representative's ID number and phone as the visitor's are", () => {
    const form = withChange((f) => {
      f.kind = 'group'
      f.headcount = 3
      f.representatives = [
        representative('张三', 1, { idNumber: '420106196503120310' }),
        representative('李四', 2, { idNumber: '' }),
        representative('王五', 3, { phone: '12345' }),
      ]
    })
    expect(issues(form)).toEqual([
      { path: ['representatives', 0, 'idNumber'], message: 'v.idNumber.checksum' },
      { path: ['representatives', 1, 'idNumber'], message: 'v.idNumber.empty' },
      { path: ['representatives', 2, 'phone'], message: 'v.phone.invalid' },
    ])
  })

  it('lets a representative go without an ID number only with the reason written', () => {
    const without = (noIdReason: string) =>
      withChange((f) => {
        f.kind = 'group'
        f.headcount = 3
        f.representatives = [representative('张三', 1, { noId: true, idNumber: '', noIdReason })]
      })
    expect(issues(without(''))).toEqual([{ path: ['representatives', 0, 'noIdReason'], message: 'v.visitor.noIdReasonRequired' }])
    expect(issues(without('未携带身份证'))).toEqual([])
  })

  it('removes control and bidi characters from representative names', () => {
    const form = withChange((f) => {
      f.kind = 'group'
      f.headcount = 3
      f.representatives = representatives('张\u202E三', '李\u0000四')
    })
    expect(parsed(form).representatives.map((r) => r.name)).toEqual(['张三', '李四'])
  })

  it('refuses a group visit of one person', () => {
    const form = withChange((f) => {
      f.kind = 'group'
      f.headcount = 1
      f.representatives = representatives('张三')
    })
    expect(issues(form)).toEqual([{ path: ['headcount'], message: 'v.headcount.group' }])
  })

  it('asks for an answer to each of the five questions', () => {
    const form = withChange((f) => {
      f.answers.facts.text = ''
    })
    expect(issues(form)).toEqual([{ path: ['answers', 'facts', 'text'], message: 'v.answer.required' }])
  })

  it('asks for the reason when a question is marked as declined', () => {
    const form = withChange((f) => {
      f.answers.demands = { text: '', mark: 'declined', reason: '' }
    })
    expect(issues(form)).toEqual([
      { path: ['answers', 'demands', 'reason'], message: 'v.answer.reasonRequired' },
    ])
  })

  it('accepts a question marked as declined when the reason is given', () => {
    const form = withChange((f) => {
      f.answers.demands = { text: '', mark: 'declined', reason: '来访人不愿透露具体诉求。' }
    })
    expect(issues(form)).toEqual([])
  })

  it('accepts an answer of exactly 5,000 characters', () => {
    const form = withChange((f) => {
      f.answers.facts.text = '事'.repeat(5000)
    })
    expect(parsed(form).answers.facts.text).toHaveLength(5000)
  })

  it('refuses an answer of 5,001 characters as too long', () => {
    const form = withChange((f) => {
      f.answers.facts.text = '事'.repeat(5001)
    })
    expect(issues(form)).toEqual([{ path: ['answers', 'facts', 'text'], message: 'v.tooLong' }])
  })

  it('removes control, zero-width and bidi characters and turns CRLF into LF', () => {
    const form = withChange((f) => {
      f.visitor.name = '吕\u0000建\u200B国\u202E'
      f.answers.facts.text = '第一行\r\n第二\u0000行\r第三行\u202E'
      f.answers.demands.text = '\uFEFF要求\u200B修复\u2066管网\u2069'
    })
    const data = parsed(form)
    expect(data.visitor.name).toBe('吕建国')
    expect(data.answers.facts.text).toBe('第一行\n第二行\n第三行')
    expect(data.answers.demands.text).toBe('要求修复管网')
  })

  it('collapses line breaks and runs of spaces in one-line fields', () => {
    const form = withChange((f) => {
      f.visitor.address = '  武汉市  武昌区\r\n某小区 '
    })
    expect(parsed(form).visitor.address).toBe('武汉市 武昌区 某小区')
  })

  it('asks for a category when none is chosen', () => {
    const form = withChange((f) => {
      f.categoryId = 0
    })
    expect(issues(form)).toEqual([{ path: ['categoryId'], message: 'v.category.required' }])
  })

  it('asks for a routing when none is chosen', () => {
    const form = withChange((f) => {
      f.routing = null
    })
    expect(issues(form)).toEqual([{ path: ['routing'], message: 'v.routing.required' }])
  })

  it('refuses an unknown extra field', () => {
    const result = intakeSchema.safeParse({ ...complete(), extra: 1 })
    expect(result.success).toBe(false)
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['extra'], path: [] }),
    ])
  })

  it('reports every problem at once, so the form can mark all fields together', () => {
    const form = withChange((f) => {
      f.visitor.name = ''
      f.visitor.idNumber = '420106196503120310'
      f.routing = null
    })
    const found = issues(form)
    expect(found).toContainEqual({ path: ['visitor', 'name'], message: 'v.visitor.nameRequired' })
    expect(found).toContainEqual({ path: ['visitor', 'idNumber'], message: 'v.idNumber.checksum' })
    expect(found).toContainEqual({ path: ['routing'], message: 'v.routing.required' })
    expect(found).toHaveLength(3)
  })
})

describe('isAnswerDone', () => {
  it('counts an answered question, or a marked one with a reason, as done', () => {
    expect(isAnswerDone({ text: '首次来访。', mark: null, reason: '' })).toBe(true)
    expect(isAnswerDone({ text: '  ', mark: null, reason: '' })).toBe(false)
    expect(isAnswerDone({ text: '', mark: 'unknown', reason: '本人不清楚' })).toBe(true)
    expect(isAnswerDone({ text: '', mark: 'unknown', reason: '' })).toBe(false)
  })
})

describe('text helpers', () => {
  it('cleanText keeps newlines and tabs, removes control characters and trims', () => {
    expect(cleanText('  a\tb\r\nc\u0007\u200F\u202Ad  ')).toBe('a\tb\ncd')
    expect(cleanText('\r\n\r\n')).toBe('')
  })

  it('cleanLine turns any run of whitespace into a single space', () => {
    expect(cleanLine(' 武汉市\t\t武昌区\r\n\r\n某小区 ')).toBe('武汉市 武昌区 某小区')
    expect(cleanLine('a\u3000b')).toBe('a b')
  })

  it('toHalfWidth converts full-width digits, letters, punctuation and the ideographic space', () => {
    expect(toHalfWidth('ＡＢＣ１２３ｘ－（）')).toBe('ABC123x-()')
    expect(toHalfWidth('武汉\u3000市')).toBe('武汉 市')
    expect(toHalfWidth('已经是半角 abc 123')).toBe('已经是半角 abc 123')
  })
})
