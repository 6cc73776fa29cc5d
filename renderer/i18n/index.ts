import i18n from 'i18next'
import type { ParseKeys } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from '../../shared/i18n/en'
import { zhCN } from '../../shared/i18n/zh-CN'

export const LANGUAGE_KEY = 'intake-desk.language'
export type Language = 'zh-CN' | 'en'

/** A key of the catalogue: what `t` accepts (see shared/i18n/i18next.d.ts). */
export type MessageKey = ParseKeys

/** Whether a key that arrives at run time (from the main side, a zod message) is in the catalogue. */
export function isMessageKey(key: string): key is MessageKey {
  return i18n.exists(key)
}

function savedLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: savedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
})

// The page's language follows the catalogue's: screen readers, and the English font rule in styles.css.
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng
})
document.documentElement.lang = i18n.language

export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, lang)
  } catch {
    // A page without storage still switches for this session.
  }
  void i18n.changeLanguage(lang)
}

export default i18n
