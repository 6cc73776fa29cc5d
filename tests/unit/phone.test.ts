import { describe, expect, it } from 'vitest'
import { maskPhone, parsePhone } from '../../shared/phone'

describe('parsePhone: mobiles', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['(+86)19912345678', '19912345678'],
  ])('accepts %s as %s', (input, value) => {
    expect(parsePhone(input)).toEqual({ ok: true, value })
  })
})

describe('parsePhone: landlines', () => {
  it.each([
    '027-88886666',
    '02788886666',
    '0755-2345678',
    '010-65123456',
    '027-88886666-123',
    '０２７－８８８８６６６６',
  ])('accepts %s', (input) => {
    expect(parsePhone(input).ok).toBe(true)
  })

  it('keeps the number as typed (half-width), with its hyphen', () => {
    expect(parsePhone('027-88886666')).toEqual({ ok: true, value: '027-88886666' })
    expect(parsePhone('０２７－８８８８６６６６')).toEqual({ ok: true, value: '027-88886666' })
  })

  // The pattern requires the local number to start with 2–9 (local numbers never start with 0
  // or 1 in the national numbering plan), so this commonly used placeholder is refused.
  it('refuses 010-12345678 because a Beijing local number cannot start with 1', () => {
    expect(parsePhone('010-12345678')).toEqual({ ok: false })
  })
})

describe('parsePhone: refusals', () => {
  it.each([
    ['12345678901', 'an 11-digit number that is not a mobile (second digit 2)'],
    ['1381234567', 'a mobile one digit short'],
    ['138123456789', 'a mobile one digit long'],
    ['abc', 'letters'],
    ['027-1234', 'a landline with a too-short local number'],
    ['', 'nothing at all'],
    ['   ', 'only spaces'],
  ])('refuses %s (%s)', (input) => {
    expect(parsePhone(input)).toEqual({ ok: false })
  })
})

describe('maskPhone', () => {
  it('hides the middle of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })

  it('hides the middle of a landline number', () => {
    expect(maskPhone('027-88886666')).toBe('027****6666')
  })

  it('shows nothing when there is no number and leaves a too-short value alone', () => {
    expect(maskPhone(null)).toBe('')
    expect(maskPhone('12345')).toBe('12345')
  })
})
