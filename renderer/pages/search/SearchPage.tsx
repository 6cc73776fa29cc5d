import { SearchOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Input, Select, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SearchResult } from '../../../shared/rpc/types'
import { call, errorText } from '../../api/client'
import { CaseTable } from '../case/CaseTable'

type By = 'auto' | 'caseNumber' | 'name' | 'idNumber' | 'phone' | 'text'
const BYS: By[] = ['auto', 'caseNumber', 'name', 'idNumber', 'phone', 'text']

/** 案件查询: by case number, name, ID number, phone, or any words of the five answers. */
export function SearchPage() {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const [by, setBy] = useState<By>('auto')
  const [result, setResult] = useState<SearchResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const search = async () => {
    setBusy(true)
    setError(null)
    const r = await call('cases.search', { query, by })
    setBusy(false)
    if (r.ok) setResult(r.value)
    else {
      setResult(null)
      setError(errorText(r.error))
    }
  }

  return (
    <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{t('search.title')}</Typography.Title>}>
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Select<By> value={by} onChange={setBy} style={{ width: 140 }} aria-label={t('search.title')} options={BYS.map((b) => ({ value: b, label: t(`search.by.${b}`) }))} />
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
