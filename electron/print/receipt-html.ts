import QRCode from 'qrcode'
import type { CaseClock } from '../../shared/cases/clocks'
import { writtenDate } from '../../shared/deadlines'
import type { ReceiptLayout } from '../../shared/domain'
import { assertNever } from '../../shared/domain'
import { maskIdNumber } from '../../shared/id-number'
import type { CatalogueKey } from '../../shared/i18n/translate'
import type { zhCN } from '../../shared/i18n/zh-CN'
import { zhText } from '../../shared/i18n/zh-text'
import { summarize } from '../../shared/text'
import { representativeLineZh } from '../../shared/intake/representatives'
import type { ReceiptData } from './receipt-data'
import { RECEIPT_FONT_FAMILY } from './receipt-font'
import { dateTimeFormat } from '../../shared/intl'

// Receipts are official documents of the hall: always in Chinese, whatever the screen language.
const t = (key: CatalogueKey<typeof zhCN.receipt>, params?: Record<string, string | number>) => zhText(`receipt.${key}`, params)

/** The longest 诉求与理由 summary a receipt carries; the full text stays in the case file. */
export const DEMANDS_SUMMARY_CHARS = 90

export interface ReceiptOptions {
  layout: ReceiptLayout
  copyNo: number
  /** A preview carries no copy number: nothing was printed yet. */
  preview: boolean
  fontCss: (text: string) => Promise<string>
  /** The case's clocks (deadline engine), for the next deadline the receipt states. */
  clocks?: readonly CaseClock[]
}

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function formatDateTime(iso: string, timeZone: string): string {
  const parts = dateTimeFormat('zh-CN', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso))
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}年${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}`
}

/** On screen (the preview), the receipt sits on a sheet of its paper's width. */
export function screenCss(width: string, padding: string): string {
  return `@media screen{html{background:#e9ecef}body{width:${width};padding:${padding};margin:4mm auto;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.25)}}`
}

function pageCss(layout: ReceiptLayout): string {
  switch (layout) {
    case 'a4':
      return '@page{size:210mm 297mm;margin:14mm 16mm}body{font-size:11pt}.qr svg{width:30mm;height:30mm}' + screenCss('210mm', '14mm 16mm')
    case 'a5':
      return '@page{size:148mm 210mm;margin:7mm 9mm}body{font-size:8.4pt}.qr svg{width:21mm;height:21mm}h1{font-size:14pt}' + screenCss('148mm', '7mm 9mm')
    case 'thermal80':
      // A roll has no room for a grid: each item is a small label over its value.
      return (
        '@page{size:80mm 240mm;margin:3mm 4mm}body{font-size:8.5pt}.qr svg{width:30mm;height:30mm}' +
        '.copy{border:none;padding:0}h1{font-size:12pt}.sheet-only{display:none}' +
        'table,tbody,tr,th,td{display:block;border:none;width:auto;background:none;padding:0}' +
        'tr{padding:0.8mm 0;border-bottom:0.2mm dashed #777}th{font-size:0.85em;color:#333}td{font-weight:700}' +
        '.foot{flex-direction:column;align-items:center;text-align:center}' +
        screenCss('80mm', '3mm 4mm')
      )
    default:
      return assertNever(layout)
  }
}

function rows(items: [string, string][]): string {
  return items
    .map(([label, value]) => `<tr class="row"><th>${escape(label)}</th><td>${escape(value)}</td></tr>`)
    .join('')
}

/** Renders the receipt (回执) as one self-contained HTML document: fonts and QR code inline. */
export async function renderReceiptHtml(d: ReceiptData, options: ReceiptOptions): Promise<string> {
  const routing = zhText(`routing.${d.routing}`)
  const maskedId = d.idNumber === null ? t('noId', { reason: d.noIdReason ?? '' }) : maskIdNumber(d.idNumber)
  const kind = d.kind === 'group' ? t('groupKind', { n: d.headcount }) : zhText('visitor.individual')
  const registered = formatDateTime(d.registeredAt, d.hall.timeZone)
  const mark = options.preview ? t('preview') : options.copyNo > 1 ? `${t('reprint')} · ${t('copy', { n: options.copyNo })}` : ''

  const main: [string, string][] = [
    [t('caseNumber'), d.caseNumber],
    [t('registeredAt'), registered],
    [t('visitor'), d.visitorName],
    [t('idNumber'), maskedId],
    [t('kind'), kind],
  ]
  // One line each: a name with its masked ID number and phone reads as one person.
  if (d.kind === 'group') d.representatives.forEach((r, i) => main.push([t('representative', { n: i + 1 }), representativeLineZh(r)]))
  main.push([t('demands'), summarize(d.demands, DEMANDS_SUMMARY_CHARS)], [t('routing'), routing])
  if (d.routing === 'assigned' && d.unitName) main.push([t('unit'), d.unitName])
  if (d.routingBody) main.push([t('body'), d.routingBody])
  if (d.routingReason) main.push([t('reason'), d.routingReason])
  if (d.matter !== null) main.push([t('matter'), t('matterLine', { caseNumber: d.matter.caseNumber })])
  // The next deadline, from the deadline engine, written out (2026年12月17日).
  const noticeDue = options.clocks?.find((k) => k.key === 'notice' && k.doneOn === null)?.due ?? null
  const handlingDue = options.clocks?.find((k) => k.key === 'handling')?.due ?? null
  const next =
    d.routing === 'accepted' || d.routing === 'assigned'
      ? [noticeDue && t('nextDeadline', { due: writtenDate(noticeDue) }), handlingDue && t('handlingDeadline', { due: writtenDate(handlingDue) })].filter(Boolean)
      : []
  const matterNote =
    d.matter === null
      ? null
      : d.matter.noFurtherAcceptance
        ? t('matterNoFurther')
        : d.matter.open
          ? t('matterOpen', { unit: d.matter.unitName ?? d.hall.name, due: d.matter.dueDate === null ? t('matterNoDue') : writtenDate(d.matter.dueDate) })
          : null
  const goThere =
    (matterNote === null ? '' : `<p class="go-there">${escape(matterNote)}</p>`) +
    (d.routingBody ? `<p class="go-there">${escape(t('goThere', { body: d.routingBody }))}</p>` : '') +
    next.map((s) => `<p class="go-there">${escape(String(s))}</p>`).join('')

  const shows = d.hall.showLabels
    .map((label, i) => `<span class="show"><span class="show-label">${escape(label)}</span> ${escape(d.shown[i] ?? '')}</span>`)
    .join('')
  const contact = [d.hall.address && `${t('address')}：${d.hall.address}`, d.hall.phone && `${t('phone')}：${d.hall.phone}`]
    .filter(Boolean)
    .map((s) => escape(String(s)))
    .join('\u3000')
  const qr = await QRCode.toString(d.caseNumber, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })

  const visitorCopy = `<section class="copy">
  <div class="head"><div class="hall">${escape(d.hall.name)}</div><h1>${escape(t('title'))}</h1>
  <div class="sub"><span class="sheet-only">${escape(t('visitorCopy'))}</span>${mark ? `<span class="mark">${escape(mark)}</span>` : ''}</div></div>
  <table>${rows(main)}</table>${goThere}
  <div class="shows"><div class="shows-title">${escape(t('receptionist'))}</div>${shows}</div>
  <div class="foot"><div class="qr">${qr}<div class="qr-hint">${escape(t('qrHint'))}</div></div>
  <div class="notice"><p>${escape(t('notice'))}</p>${contact ? `<p class="contact">${contact}</p>` : ''}</div></div>
</section>`

  const stub =
    options.layout === 'thermal80'
      ? ''
      : `<div class="cut"><span>✂ ${escape(t('cutLine'))}</span></div>
<section class="copy stub">
  <div class="head"><div class="hall">${escape(d.hall.name)}</div><div class="sub">${escape(t('stub'))}${mark ? `<span class="mark">${escape(mark)}</span>` : ''}</div></div>
  <table>${rows([
    [t('caseNumber'), d.caseNumber],
    [t('registeredAt'), registered],
    [t('visitor'), `${d.visitorName}（${maskedId}）`],
    [t('routing'), d.routingBody ? `${routing} → ${d.routingBody}` : routing],
    [t('receptionist'), d.shown.join(' ')],
  ])}</table>
  <p class="sign">${escape(t('signature'))}：<span class="line"></span>\u3000${escape(t('date'))}：<span class="line short"></span></p>
  <p class="seal">${escape(t('seal'))}</p>
</section>`

  const body = `${visitorCopy}${stub}`
  const fontCss = await options.fontCss(body.replace(/<[^>]+>/g, ''))
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(t('title'))} ${escape(d.caseNumber)}</title>
<style>${fontCss}
*{box-sizing:border-box}html,body{margin:0;padding:0}
body{font-family:'${RECEIPT_FONT_FAMILY}',sans-serif;color:#000;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.copy{border:0.3mm solid #000;padding:4mm 5mm;break-inside:avoid}
.head{text-align:center;margin-bottom:2.5mm}.hall{font-weight:700}
h1{font-size:18pt;margin:1mm 0;letter-spacing:0.2em;font-weight:700}
.sub{font-size:0.9em}.mark{border:0.3mm solid #000;padding:0 1.5mm;margin-left:2mm;font-weight:700}
table{width:100%;border-collapse:collapse}
th,td{border:0.2mm solid #444;padding:1mm 1.6mm;vertical-align:top;text-align:left;font-weight:400}
th{width:24%;white-space:nowrap;background:#f2f2f2}
td{word-break:break-all}
.go-there{font-weight:700;margin:1.5mm 0 0}
.shows{margin-top:2.5mm}.shows-title{font-weight:700;margin-bottom:1mm}
.show{display:inline-block;margin-right:5mm}.show-label{color:#333}
.foot{display:flex;gap:4mm;align-items:center;margin-top:2.5mm}
.qr{text-align:center;font-size:0.8em}.notice p{margin:0 0 1mm}.contact{color:#222}
.cut{margin:5mm 0;border-top:0.3mm dashed #000;text-align:center;height:0}
.cut span{position:relative;top:-0.7em;background:#fff;padding:0 2mm;font-size:0.85em}
.sign{margin-top:4mm}.line{display:inline-block;border-bottom:0.2mm solid #000;width:40mm;height:1em}.line.short{width:25mm}
${pageCss(options.layout)}
</style></head><body class="layout-${options.layout}">${body}</body></html>`
}
