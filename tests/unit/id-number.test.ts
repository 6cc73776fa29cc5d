import { describe, expect, it } from 'vitest'
import type { IdNumberProblem } from '../../shared/id-number'
import { idCheckChar, maskIdNumber, normalizeIdNumber, parseIdNumber } from '../../shared/id-number'
import { standardCheckChar } from '../support/gb11643'
import fixture from '../fixtures/id-numbers.json'

// A fixed "today", so the future check does not depend on when the tests run.
const TODAY = new Date(Date.UTC(2026, 10, 24))

const SEX = { 男: 'male', 女: 'female' } as const

const FULL_WIDTH = '４２０１０６１９６５０３１２０３１1'

/** Why each invalid fixture vector is refused (the full-width one is handled separately). */
const EXPECTED_PROBLEM: Record<string, IdNumberProblem> = {
  '321283197902290086': 'birthDate',
  '420106196503120310': 'checksum',
  '4201061965031203': 'length',
  '4201061965031203111': 'length',
  '42010619650312031A': 'characters',
  '420106196513120315': 'birthDate',
  '420106210001010313': 'future',
  // Spaces are dropped when normalising, leaving 8 characters.
  "' OR 1=1 --": 'length',
}

/**
 * One valid ID number for every check character, 0–9 and X, written out by hand (worked with the
 * standard's ISO 7064 MOD 11-2 formula outside this project). Together they pin every entry of
 * the weight table and of the check-character table: any two entries swapped, or any one weight
 * changed, makes at least one of them fail (checked when the vectors were chosen).
 */
const EVERY_CHECK_CHAR = [
  { id: '371302195807201230', birthDate: '1958-07-20', sex: 'male' },
  { id: '110101199003072711', birthDate: '1990-03-07', sex: 'male' },
  { id: '420106196503122712', birthDate: '1965-03-12', sex: 'male' },
  { id: '350203197505181233', birthDate: '1975-05-18', sex: 'male' },
  { id: '441302199204151234', birthDate: '1992-04-15', sex: 'male' },
  { id: '350921201011111235', birthDate: '2010-11-11', sex: 'male' },
  { id: '510107197702143826', birthDate: '1977-02-14', sex: 'female' },
  { id: '440305200108083087', birthDate: '2001-08-08', sex: 'female' },
  { id: '310104198512253088', birthDate: '1985-12-25', sex: 'female' },
  { id: '230103198610031239', birthDate: '1986-10-03', sex: 'male' },
  { id: '33010619681130345X', birthDate: '1968-11-30', sex: 'male' },
] as const

/**
 * For each vector above, three numbers one slip away, each refused by its check character: the
 * check character one further along 0…9 X, the 17th digit one higher, the 16th and 17th digits
 * swapped (the two slips a check character exists to catch).
 */
const ONE_OFF: readonly (readonly [string, readonly string[]])[] = [
  ['371302195807201230', ['371302195807201231', '371302195807201240', '371302195807201320']],
  ['110101199003072711', ['110101199003072712', '110101199003072721', '110101199003072171']],
  ['420106196503122712', ['420106196503122713', '420106196503122722', '420106196503122172']],
  ['350203197505181233', ['350203197505181234', '350203197505181243', '350203197505181323']],
  ['441302199204151234', ['441302199204151235', '441302199204151244', '441302199204151324']],
  ['350921201011111235', ['350921201011111236', '350921201011111245', '350921201011111325']],
  ['510107197702143826', ['510107197702143827', '510107197702143836', '510107197702143286']],
  ['440305200108083087', ['440305200108083088', '440305200108083097', '440305200108083807']],
  ['310104198512253088', ['310104198512253089', '310104198512253098', '310104198512253808']],
  ['230103198610031239', ['23010319861003123X', '230103198610031249', '230103198610031329']],
  ['33010619681130345X', ['330106196811303450', '33010619681130346X', '33010619681130354X']],
]

describe('GB 11643 check character: a written-out vector for each of 0–9 and X', () => {
  it('the vectors cover every check character once', () => {
    expect(EVERY_CHECK_CHAR.map((v) => v.id[17]).join('')).toBe('0123456789X')
    expect(ONE_OFF.map(([valid]) => valid)).toEqual(EVERY_CHECK_CHAR.map((v) => v.id))
  })

  it.each(EVERY_CHECK_CHAR)('accepts $id', ({ id, birthDate, sex }) => {
    expect(idCheckChar(id.slice(0, 17))).toBe(id[17])
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: true, value: id, birthDate, sex })
  })

  it.each(ONE_OFF)('refuses each slip of %s as a wrong check character', (_valid, slips) => {
    for (const id of slips) expect(parseIdNumber(id, TODAY), id).toEqual({ ok: false, problem: 'checksum' })
  })

  it('the test side’s own check character (from the formula) agrees with every written-out vector', () => {
    // tests/support/gb11643.ts generates the IDs of other tests; it must be right too.
    for (const { id } of EVERY_CHECK_CHAR) expect(standardCheckChar(id.slice(0, 17))).toBe(id[17])
    for (const [, slips] of ONE_OFF) for (const id of slips) expect(standardCheckChar(id.slice(0, 17))).not.toBe(id[17])
  })
})

describe('parseIdNumber: valid ID numbers', () => {
  it.each(fixture.valid)('accepts $id ($sex, born $birthDate)', ({ id, sex, birthDate }) => {
    const result = parseIdNumber(id, TODAY)
    expect(result).toEqual({ ok: true, value: id, birthDate, sex: SEX[sex as keyof typeof SEX] })
  })

  it('accepts a lowercase x typed by the receptionist and stores it as X', () => {
    const result = parseIdNumber('42010619810517003x', TODAY)
    expect(result).toEqual({ ok: true, value: '42010619810517003X', birthDate: '1981-05-17', sex: 'male' })
  })

  it('drops spaces the receptionist typed between groups of digits', () => {
    const result = parseIdNumber(' 420106 19650312 0311 ', TODAY)
    expect(result.ok && result.value).toBe('420106196503120311')
  })

  it('computes the GB 11643 check character of every valid vector', () => {
    for (const { id } of fixture.valid) expect(idCheckChar(id.slice(0, 17))).toBe(id[17])
  })
})

describe('parseIdNumber: full-width digits', () => {
  it('the fixture’s full-width entry is 18 characters that normalise to the valid 420106196503120311', () => {
    expect(fixture.invalid.map((v) => v.id)).toContain(FULL_WIDTH)
    expect(FULL_WIDTH).toHaveLength(18)
    expect(normalizeIdNumber(FULL_WIDTH)).toBe('420106196503120311')
  })

  it('is accepted after normalising (not refused), and the stored value is half-width, never as typed', () => {
    const result = parseIdNumber(FULL_WIDTH, TODAY)
    expect(result).toEqual({ ok: true, value: '420106196503120311', birthDate: '1965-03-12', sex: 'male' })
  })

  it('normalises a full-width lowercase ｘ check character to X', () => {
    const result = parseIdNumber('４２０１０６１９８１０５１７００３ｘ', TODAY)
    expect(result.ok && result.value).toBe('42010619810517003X')
  })
})

describe('parseIdNumber: invalid ID numbers', () => {
  const invalid = fixture.invalid.filter((v) => v.id !== FULL_WIDTH)

  it('has an expected problem for every invalid fixture vector', () => {
    for (const { id } of invalid) expect(EXPECTED_PROBLEM).toHaveProperty([id])
  })

  it.each(invalid)('refuses $id ($why)', ({ id }) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: false, problem: EXPECTED_PROBLEM[id] })
  })

  it('refuses an empty or blank field as empty', () => {
    expect(parseIdNumber('', TODAY)).toEqual({ ok: false, problem: 'empty' })
    expect(parseIdNumber('  \u3000 ', TODAY)).toEqual({ ok: false, problem: 'empty' })
  })

  it('refuses a birth year before 1880 as a birth date that cannot be right', () => {
    // The check character (6) is right: only the year is wrong.
    expect(parseIdNumber('420106187901010316', TODAY)).toEqual({ ok: false, problem: 'birthDate' })
  })

  it('accepts someone born today but refuses someone born tomorrow', () => {
    expect(parseIdNumber('420106202611240319', TODAY)).toEqual({
      ok: true,
      value: '420106202611240319',
      birthDate: '2026-11-24',
      sex: 'male',
    })
    expect(parseIdNumber('420106202611250314', TODAY)).toEqual({
      ok: false,
      problem: 'future',
    })
  })
})

describe('maskIdNumber', () => {
  it('shows only the area code and the last four characters', () => {
    expect(maskIdNumber('420106196503120311')).toBe('420106********0311')
    expect(maskIdNumber('42010619810517003X')).toBe('420106********003X')
  })

  it('shows nothing for a visitor without an ID number', () => {
    expect(maskIdNumber(null)).toBe('')
  })
})
