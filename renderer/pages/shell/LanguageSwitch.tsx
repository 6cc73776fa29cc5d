import { Button } from 'antd'
import { useTranslation } from 'react-i18next'
import { setLanguage } from '../../i18n'

/** Switches between Chinese and English; the label names the other language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  return (
    <Button type="link" onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>
      {t('app.language')}
    </Button>
  )
}
