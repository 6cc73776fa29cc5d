import { SearchOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Input, Select, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { failureText, useRpcQuery } from '../../api/queries'
import { SEARCH_BYS, type SearchBy } from '../../../shared/cases/types'
import { CaseTable } from '../case/CaseTable'


/** 案件查询: by case number, name, ID number, phone, or any words of the five answers. */
export function SearchPage() {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const [by, setBy] = useState<SearchBy>('auto')
  // The search last asked for; its results follow the hall's changes (except an ID-number lookup, audited).
  const [asked, setAsked] = useState<{ query: string; by: SearchBy } | null>(null)
  const found = useRpcQuery('cases.search', asked ?? { query: '', by: 'auto' }, { enabled: asked !== null })
  const error = failureText(found.error)
  const result = error === null ? (found.data ?? null) : null
  const busy = found.isFetching

  const search = async () => {
    // The same search again is run again: the user asked for it.
    if (asked !== null && asked.query === query && asked.by === by) await found.refetch()
    else setAsked({ query, by })
  }

  return (
    <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{t('search.title')}</Typography.Title>}>
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Select<SearchBy> value={by} onChange={setBy} style={{ width: 140 }} aria-label={t('search.title')} options={SEARCH_BYS.map((b) => ({ value: b, label: t(`search.by.${b}`) }))} />
        <Input
          autoFocus
          value={query}
          maxLength={100}
          placeholder={t('search.placeholder')}
          aria-label={t('search.placeholder')}
          onChange={(e) => setQuery(e.target.value)}
          onPressEnter={() => void search()}
        />
        <Button type="primary" icon={<SearchOutlined />} loading={busy} onClick={() => void search()}>
          {t('search.submit')}
        </Button>
      </Space.Compact>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      {result && (
        <>
          <Typography.Paragraph data-testid="search-summary">{t('search.found', { n: result.rows.length, by: t(`search.by.${result.by}`) })}</Typography.Paragraph>
          <CaseTable rows={result.rows} testId="search-results" empty={t('search.none')} ranked />
        </>
      )}
    </Card>
  )
}
