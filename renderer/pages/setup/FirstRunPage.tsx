import { ApiOutlined, ClusterOutlined, DesktopOutlined, LinkOutlined } from '@ant-design/icons'
import { Button, Card, Col, Row, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HallConnectionFields } from '../../../shared/hall-connection/schemas'
import { call, errorText } from '../../api/client'
import type { ConnectionOutcome } from '../hall-connection/ConnectionFields'
import { ConnectionFields, ConnectionOutcomeView, EMPTY_CONNECTION, connectionReady } from '../hall-connection/ConnectionFields'
import { LanguageSwitch } from '../shell/LanguageSwitch'

/**
 * The first run, before setup (issue #10): 单机使用（本机数据库） goes on to setup on this PC's
 * own file; 连接大厅数据库 takes the hall database's fields, tests them and switches the desk to
 * that database without a restart. `onJoined` re-reads the status: a hall there opens sign-in,
 * an empty database its setup.
 */
export function FirstRunPage({ onSingle, onJoined }: { onSingle: () => void; onJoined: () => Promise<void> }) {
  const { t } = useTranslation()
  const [step, setStep] = useState<'choice' | 'hall'>('choice')
  const [fields, setFields] = useState<HallConnectionFields>(EMPTY_CONNECTION)
  const [busy, setBusy] = useState<'test' | 'join' | null>(null)
  const [outcome, setOutcome] = useState<ConnectionOutcome>(null)

  const run = async (what: 'test' | 'join') => {
    setBusy(what)
    setOutcome(null)
    const r = await call(what === 'test' ? 'hallConnection.joinTest' : 'hallConnection.join', fields)
    if (!r.ok) {
      setBusy(null)
      return setOutcome({ kind: 'refused', text: errorText(r.error) })
    }
    if (what === 'join') return onJoined()
    setBusy(null)
    setOutcome({ kind: 'checked', found: r.value })
  }

  if (step === 'choice') {
    return (
      <div className="center-page">
        <Card
          style={{ width: 760, maxWidth: '100%' }}
          title={<Typography.Title level={3} style={{ margin: 0 }}>{t('hallConnection.firstRunTitle')}</Typography.Title>}
          extra={<LanguageSwitch />}
          data-testid="first-run-choice"
        >
          <Typography.Paragraph type="secondary">{t('hallConnection.firstRunIntro')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col span={12}>
              <Card size="small" style={{ height: '100%' }} styles={{ body: { display: 'flex', flexDirection: 'column', height: '100%', gap: 12 } }}>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  <DesktopOutlined /> {t('hallConnection.single')}
                </Typography.Title>
                <Typography.Paragraph type="secondary" style={{ flex: 1, margin: 0 }}>{t('hallConnection.singleHelp')}</Typography.Paragraph>
                <Button size="large" block onClick={onSingle}>
                  {t('hallConnection.single')}
                </Button>
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" style={{ height: '100%' }} styles={{ body: { display: 'flex', flexDirection: 'column', height: '100%', gap: 12 } }}>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  <ClusterOutlined /> {t('hallConnection.hall')}
                </Typography.Title>
                <Typography.Paragraph type="secondary" style={{ flex: 1, margin: 0 }}>{t('hallConnection.hallHelp')}</Typography.Paragraph>
                <Button size="large" block onClick={() => setStep('hall')}>
                  {t('hallConnection.hall')}
                </Button>
              </Card>
            </Col>
          </Row>
        </Card>
      </div>
    )
  }

  const ready = connectionReady(fields)
  return (
    <div className="center-page">
      <Card
        style={{ width: 820, maxWidth: '100%' }}
        title={<Typography.Title level={3} style={{ margin: 0 }}>{t('hallConnection.joinTitle')}</Typography.Title>}
        extra={<LanguageSwitch />}
        data-testid="first-run-hall"
      >
        <Typography.Paragraph type="secondary">{t('hallConnection.joinIntro')}</Typography.Paragraph>
        <ConnectionFields
          fields={fields}
          onChange={(next) => {
            setFields(next)
            setOutcome(null)
          }}
          disabled={busy !== null}
        >
          <Space wrap>
            <Button icon={<ApiOutlined />} loading={busy === 'test' && { delay: 300 }} disabled={!ready} onClick={() => void run('test')}>
              {t('hallConnection.test')}
            </Button>
            <Button type="primary" icon={<LinkOutlined />} loading={busy === 'join' && { delay: 300 }} disabled={!ready} onClick={() => void run('join')}>
              {t('hallConnection.join')}
            </Button>
            <Button
              type="link"
              onClick={() => {
                setStep('choice')
                setOutcome(null)
              }}
            >
              {t('hallConnection.back')}
            </Button>
          </Space>
        </ConnectionFields>
        <ConnectionOutcomeView busy={busy !== null} outcome={outcome} />
      </Card>
    </div>
  )
}
