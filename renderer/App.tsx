import { QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import { useTranslation } from 'react-i18next'
import { RouterProvider } from 'react-router'
import { queryClient } from './api/queries'
import { router } from './router'
import { englishTheme, theme } from './theme'

export function App() {
  const { i18n } = useTranslation()
  return (
    // autoInsertSpace off: the buttons read 登录 and 登记, as the hall calls them, not 登 录.
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={i18n.language === 'en' ? englishTheme : theme} button={{ autoInsertSpace: false }}>
      <QueryClientProvider client={queryClient}>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </QueryClientProvider>
    </ConfigProvider>
  )
}
