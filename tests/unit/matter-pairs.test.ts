import { describe, expect, it } from 'vitest'
import { codeTable, dicePercent, matterTerms, packPairs, pairCode, reaches, sharedCodes } from '../../shared/matters/similarity'

// The matter index stores a case's character pairs packed as numbers (issue #16). What must hold:
// two different pairs never get the same number (a false 诉求相似 would follow), the packed list
// counts the pairs two texts share exactly as sets do, and a percent is counted in integers.

describe('packed character pairs', () => {
  it('gives two pairs of the basic plane different numbers, each holding both characters', () => {
    const pairs = ['拖欠', '欠拖', 'ab', 'ba', '12', '1a', 'a1', '\u4e00\u4e01', '\u4e01\u4e00', '\uffff\u0000']
    expect(new Set(pairs.map(pairCode)).size).toBe(pairs.length)
    for (const p of pairs) {
      const code = pairCode(p)
      expect(String.fromCharCode(code >>> 16, code & 0xffff)).toBe(p)
    }
  })

  it('keeps a pair with a rare character beyond the basic plane apart from every common pair', () => {
    // 𠮷 U+20BB7 and 𡈽 U+2123D: four UTF-16 units at most, hashed into 0xD8000000…0xDFFFFFFF,
    // where no pair of the basic plane can fall (its first unit would be a lone surrogate).
    const rare = ['𠮷祥', '祥𠮷', '𠮷𠮷', '𡈽地', '地𡈽', '𠮷𡈽']
    const codes = rare.map(pairCode)
    expect(new Set(codes).size).toBe(rare.length)
    for (const code of codes) {
      expect(code).toBeGreaterThanOrEqual(0xd8000000)
      expect(code).toBeLessThanOrEqual(0xdfffffff)
    }
    // The nearest common pairs: a first character at U+D7FF and at U+E000.
    expect(pairCode('\ud7ff\uffff')).toBeLessThan(0xd8000000)
    expect(pairCode('\ue000\u0000')).toBeGreaterThan(0xdfffffff)
  })

  it('stores each pair once, sorted, and reads back the same numbers', () => {
    const packed = packPairs(['工资', '拖欠', '工资', '𠮷祥'])
    expect(packed.byteLength).toBe(3 * 4)
    const view = new DataView(packed.buffer)
    const codes = [0, 1, 2].map((i) => view.getInt32(i * 4, true))
    // Sorted as signed 32-bit integers: the rare pair's code (0xD8… and up) comes first.
    expect(codes).toEqual([pairCode('𠮷祥') | 0, pairCode('工资'), pairCode('拖欠')])
  })

  it('counts the shared pairs of two texts as their sets do', () => {
    const texts = [
      ['我在光谷某建筑工地做钢筋工，包工头张某拖欠工资三万六千元。', '要求支付拖欠的工资。'],
      ['包工头拖欠工资，多次讨要未果。', '要求总包单位支付工资并赔偿损失。'],
      ['单位未给我缴纳社会保险𠮷祥，今年被辞退。', 'Require social insurance 2026.'],
      ['', ''],
    ] as const
    for (const [fa, da] of texts) {
      for (const [fb, db] of texts) {
        const a = matterTerms(fa, da)
        const b = matterTerms(fb, db)
        const expected = a.filter((p) => new Set(b).has(p)).length
        expect(sharedCodes(codeTable(a), packPairs(b))).toBe(expected)
        // Asked for what they do share, the count is exact; asked for one more, it says less.
        expect(sharedCodes(codeTable(a), packPairs(b), expected)).toBe(expected)
        expect(sharedCodes(codeTable(a), packPairs(b), expected + 1)).toBeLessThan(expected + 1)
      }
    }
  })

  it('counts the shared pairs of a stored list that is not aligned in its buffer', () => {
    const stored = packPairs(['工资', '拖欠', '欠薪'])
    const unaligned = new Uint8Array(stored.byteLength + 3).subarray(3)
    expect(unaligned.byteOffset % 4).not.toBe(0)
    unaligned.set(stored)
    expect(sharedCodes(codeTable(['拖欠', '欠薪', '社保']), unaligned)).toBe(2)
  })

  it('counts a similarity in whole percent without floating-point loss, the threshold included', () => {
    // 57 pairs shared by two texts of 100 pairs: 57%, which 0.57 × 100 would floor to 56.
    expect(dicePercent(57, 100, 100)).toBe(57)
    expect(reaches(57, 100, 100, 57)).toBe(true)
    expect(reaches(57, 100, 100, 58)).toBe(false)
    // 2·30 / (30 + 70) = 60% exactly; one pair more on the other side falls below.
    expect(reaches(30, 30, 70, 60)).toBe(true)
    expect(reaches(30, 30, 71, 60)).toBe(false)
    expect(dicePercent(30, 30, 71)).toBe(59)
    // Nothing shared is never a match, even at a threshold of 0.
    expect(reaches(0, 10, 10, 0)).toBe(false)
  })
})
