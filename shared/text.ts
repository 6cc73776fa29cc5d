// C0 and C1 control characters except tab and newline, zero-width and bidi overrides that can
// hide text in a record, and the other invisible or format characters that look like nothing
// on screen: soft hyphen, combining grapheme joiner, Arabic letter mark, Mongolian vowel
// separator, word joiner and invisible operators, Hangul filler, interlinear annotation marks,
// and the tag characters (U+E0000–E007F).
const UNWANTED =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- each of these is removed on purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFF9-\uFFFB\u{E0000}-\u{E007F}]/gu

/** A surrogate not in a pair: in `u` mode a well-formed pair is one code point and never matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

/** Whether a string is well-formed UTF-16, i.e. can be stored as UTF-8 without breaking. */
export function isWellFormedText(input: string): boolean {
  return !LONE_SURROGATE.test(input)
}

/** Removes control characters, normalises line ends and trims; keeps newlines and tabs. */
export function cleanText(input: string): string {
  return input.replace(/\r\n?/g, '\n').replace(UNWANTED, '').trim()
}

/** Like cleanText, for one-line fields: any whitespace run becomes one space. */
export function cleanLine(input: string): string {
  return cleanText(input).replace(/\s+/g, ' ')
}

/** Turns full-width digits, letters and spaces (ＡＢＣ１２３) into their half-width forms. */
export function toHalfWidth(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
}

/**
 * Shortens text for a summary line: whole sentences up to `max` characters where possible,
 * otherwise a clean cut with an ellipsis. Never splits a surrogate pair.
 */
export function summarize(input: string, max: number): string {
  const text = input.replace(/\s+/g, ' ').trim()
  const chars = Array.from(text)
  if (chars.length <= max) return text
  const head = chars.slice(0, max)
  const lastStop = Math.max(...['。', '！', '？', '；', '.', '!', '?', ';'].map((p) => head.lastIndexOf(p)))
  if (lastStop >= max / 2) return head.slice(0, lastStop + 1).join('')
  return `${head.slice(0, max - 1).join('')}…`
}
