import type { ThemeConfig } from 'antd'

/** Big type and roomy controls: receptionists work fast, often in front of a visitor. */
const FONTS = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

export const theme: ThemeConfig = {
  token: {
    fontSize: 16,
    controlHeight: 40,
    colorPrimary: '#0b5cad',
    borderRadius: 6,
    fontFamily: FONTS,
  },
}

/**
 * In English the quotes, apostrophes and ellipsis come from a Latin face (styles.css, 'Latin
 * Punctuation'): the Chinese face draws them full width, "today’ s log".
 */
export const englishTheme: ThemeConfig = { ...theme, token: { ...theme.token, fontFamily: `'Latin Punctuation', ${FONTS}` } }
