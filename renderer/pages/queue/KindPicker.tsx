import { Button, InputNumber, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TicketKind } from '../../../shared/queue/domain'
import { TICKET_KINDS, TICKET_PREFIX } from '../../../shared/queue/domain'

/** The four kinds as big buttons; 集体访 asks 人数 before the ticket is taken. */
export function KindPicker({ onTake, busy, large }: { onTake: (kind: TicketKind, headcount: number) => void; busy: boolean; large: boolean }) {
  const { t } = useTranslation()
  const [group, setGroup] = useState(false)
  const [headcount, setHeadcount] = useState(2)
  const height = large ? 110 : 92
  const font = large ? 40 : 26

  if (group) {
    return (
      <Space direction="vertical" size={large ? 32 : 16} align="center" style={{ width: '100%' }} data-testid="headcount-step">
        <Typography.Title level={large ? 1 : 3} style={{ margin: 0 }}>
          {t('queue.kiosk.headcount')}
        </Typography.Title>
        <Space size={large ? 32 : 16} align="center">
          <Button style={{ width: height, height, fontSize: font }} onClick={() => setHeadcount((n) => Math.max(2, n - 1))} aria-label="-">
            −
          </Button>
          <InputNumber
            min={2}
            max={999}
            value={headcount}
            onChange={(v) => setHeadcount(typeof v === 'number' ? v : 2)}
            style={{ width: large ? 220 : 140, fontSize: font }}
            size="large"
            aria-label={t('queue.kiosk.headcount')}
          />
          <Button style={{ width: height, height, fontSize: font }} onClick={() => setHeadcount((n) => Math.min(999, n + 1))} aria-label="+">
            +
          </Button>
        </Space>
        <Space size={large ? 32 : 16}>
          <Button style={{ height, fontSize: font, minWidth: large ? 260 : 160 }} onClick={() => setGroup(false)}>
            {t('queue.kiosk.back')}
          </Button>
          <Button
            type="primary"
            loading={busy}
            style={{ height, fontSize: font, minWidth: large ? 360 : 200 }}
            onClick={() => {
              onTake('group', headcount)
              setGroup(false)
            }}
          >
            {t('queue.kiosk.take')}
          </Button>
        </Space>
      </Space>
    )
  }
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: large ? 32 : 16 }}>
      {TICKET_KINDS.map((kind) => (
        <Button
          key={kind}
          type={kind === 'priority' ? 'primary' : 'default'}
          className={kind === 'priority' ? 'kind-priority' : undefined}
          loading={busy}
          style={{ height: height * 1.4, display: 'flex', flexDirection: 'column', gap: 4, whiteSpace: 'normal' }}
          onClick={() => (kind === 'group' ? setGroup(true) : onTake(kind, 1))}
          data-testid={`kind-${kind}`}
        >
          <span style={{ fontSize: font, fontWeight: 700 }}>
            {TICKET_PREFIX[kind]} · {t(`queue.kinds.${kind}`)}
          </span>
          <span style={{ fontSize: font * 0.5 }}>{t(`queue.kindHints.${kind}`)}</span>
        </Button>
      ))}
    </div>
  )
}
