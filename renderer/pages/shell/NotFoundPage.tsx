import { Button, Result } from 'antd'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import { useApp } from '../../app-context'
import { homeOf } from './routes'

/** An address that is no page of the desk (a mistyped link, a case number that cannot be one). */
export function NotFoundPage() {
  const { t } = useTranslation()
  const { hall, session } = useApp()
  const { pathname } = useLocation()
  const navigate = useNavigate()
  const home = homeOf(session.role, hall.adminReadsAudit)
  return (
    <Result
      status="404"
      title={t('shell.notFound.title')}
      subTitle={t('shell.notFound.detail', { address: `#${pathname}` })}
      extra={
        <Button type="primary" onClick={() => void navigate(`/${home}`, { replace: true })} data-testid="not-found-home">
          {t('shell.notFound.home', { page: t(`shell.nav.${home}`) })}
        </Button>
      }
      data-testid="not-found"
    />
  )
}
