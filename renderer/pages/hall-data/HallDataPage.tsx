import { App, Card, Tabs, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useRpcQuery } from '../../api/queries'
import { HolidayList } from './HolidayList'
import { NamedList } from './NamedList'

/** 单位与类别: the hall data an administrator keeps. */
export function HallDataPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const estimated = useRpcQuery('settings.get', {}).data?.estimatedHolidayYears ?? []
  const onMessage = (ok: boolean, text: string) => void (ok ? message.success(text) : message.error(text))
  return (
    <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{t('hallData.title')}</Typography.Title>}>
      <Tabs
        items={[
          { key: 'units', label: t('hallData.units'), children: <NamedList kind="units" onMessage={onMessage} /> },
          { key: 'categories', label: t('hallData.categories'), children: <NamedList kind="categories" onMessage={onMessage} /> },
          { key: 'holidays', label: t('hallData.holidays'), children: <HolidayList onMessage={onMessage} estimatedYears={estimated} /> },
        ]}
      />
    </Card>
  )
}
