import QRCode from 'qrcode'
import type { CatalogueKey } from '../../shared/i18n/translate'
import type { zhCN } from '../../shared/i18n/zh-CN'
import { zhText } from '../../shared/i18n/zh-text'
import { dateTimeFormat } from '../../shared/intl'
import type { IssuedTicket } from '../../shared/queue/types'
import { escape, screenCss } from './receipt-html'
import { RECEIPT_FONT_FAMILY } from './receipt-font'

// A ticket is the hall's paper, like the receipt: always Chinese, on the 80 mm roll.
const t = (key: CatalogueKey<typeof zhCN.queue>, params?: Record<string, string | number>) => zhText(`queue.${key}`, params)

function timeOf(iso: string, timeZone: string): string {
  const parts = dateTimeFormat('zh-CN', { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso))
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}`
}

/**
 * The queue ticket (号票) for the 80 mm printer: hall name, number, kind, time, people ahead,
 * the estimated wait, and a QR holding the ticket number only (no personal data exists to add).
 */
export async function renderTicketHtml(
  issued: Omit<IssuedTicket, 'html'>,
  timeZone: string,
  skipReturnMinutes: number,
  fontCss: (text: string) => Promise<string>,
): Promise<string> {
  const { ticket } = issued
  const kind = ticket.kind === 'group' ? t('ticket.groupKind', { n: ticket.headcount }) : t(`kinds.${ticket.kind}`)
  const items: [string, string][] = [
    [t('ticket.kind'), kind],
    [t('ticket.time'), timeOf(ticket.issuedAt, timeZone)],
    [t('ticket.ahead'), t('ticket.aheadValue', { n: issued.ahead })],
    [t('ticket.wait'), t('ticket.waitValue', { n: issued.estimatedMinutes })],
  ]
  const qr = await QRCode.toString(ticket.number, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  const body = `<div class="hall">${escape(issued.hallName)}</div>
<div class="title">${escape(t('ticket.title'))}</div>
<div class="number">${escape(ticket.number)}</div>
<table>${items.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`).join('')}</table>
<div class="qr">${qr}<div class="qr-hint">${escape(t('ticket.qrHint'))}</div></div>
<p class="hint">${escape(t('ticket.hint', { minutes: skipReturnMinutes }))}</p>`
  const css = await fontCss(body.replace(/<[^>]+>/g, ''))
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(t('ticket.title'))} ${escape(ticket.number)}</title>
<style>${css}
*{box-sizing:border-box}html,body{margin:0;padding:0}
@page{size:80mm 120mm;margin:3mm 4mm}
body{font-family:'${RECEIPT_FONT_FAMILY}',sans-serif;color:#000;font-size:9pt;text-align:center}
.hall{font-weight:700;font-size:10pt}.title{margin-top:1mm;letter-spacing:0.3em}
.number{font-size:36pt;font-weight:700;line-height:1.1;margin:2mm 0;letter-spacing:0.05em}
table{width:100%;border-collapse:collapse;text-align:left}th,td{padding:0.8mm 0;border-bottom:0.2mm dashed #777;font-weight:400}
th{width:38%;color:#333}td{font-weight:700}
.qr{margin-top:2mm}.qr svg{width:24mm;height:24mm}.qr-hint{font-size:7pt}
.hint{font-size:7.5pt;margin:2mm 0 0}
${screenCss('80mm', '3mm 4mm')}
</style></head><body class="layout-ticket">${body}</body></html>`
}
