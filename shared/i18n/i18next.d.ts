import type { zhCN } from './zh-CN'

// Types every `t` from i18next and react-i18next by the zh-CN catalogue: a key it lacks is a
// compile error. en.ts is checked against the same shape (SameKeys), so one source suffices.
// It lives in shared/ so that both tsconfigs see it: the unit tests drive renderer code too.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof zhCN }
    returnNull: false
  }
}
