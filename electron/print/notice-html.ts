import type { CaseClock, ClockKey } from '../../shared/cases/clocks'
import type { DeadlineRules } from '../../shared/deadlines'
import { writtenDate } from '../../shared/deadlines'
import type { NoticeKind, ReceiptLayout } from '../../shared/domain'
import type { CatalogueKey } from '../../shared/i18n/translate'
import type { zhCN } from '../../shared/i18n/zh-CN'
import { zhText } from '../../shared/i18n/zh-text'
import { summarize } from '../../shared/text'
import { noticeAvailable as noticeAvailableFor } from '../../shared/cases/notices'
import type { ReceiptData } from './receipt-data'
import { RECEIPT_FONT_FAMILY } from './receipt-font'
import { DEMANDS_SUMMARY_CHARS, escape, screenCss } from './receipt-html'
import { hallDate } from '../../shared/time'

// Notices are official documents of the hall: always in Chinese, in the regulation's words.
const t = (key: CatalogueKey<typeof zhCN.notice>, params?: Record<string, string | number>) => zhText(`notice.${key}`, params)

export interface NoticeOptions {
  layout: Exclude<ReceiptLayout, 'thermal80'>
  copyNo: number
  preview: boolean
  fontCss: (text: string) => Promise<string>
  /** The periods the case runs on (its regime): the notice states them, not the regulation's defaults. */
  rules: DeadlineRules
}

/** Typed text ends where the sentence around it goes on: no doubled full stop. */
const clause = (s: string) => s.replace(/[。；，.;,\s]+$/, '')
const dayOf = (d: ReceiptData, action: string) => d.events.find((e) => e.action === action)
const lastOf = (d: ReceiptData, action: string) => d.events.filter((e) => e.action === action).at(-1)
const due = (clocks: readonly CaseClock[], key: ClockKey): string | null => clocks.find((k) => k.key === key)?.due ?? null

/** Whether the step a notice tells of has been taken, so the notice can be issued (shared/cases/notices). */
export function noticeAvailable(d: ReceiptData, clocks: readonly CaseClock[], kind: NoticeKind): boolean {
  return noticeAvailableFor(
    { routing: d.routing, handled: clocks.some((k) => k.key === 'handling'), unitName: d.unitName, extensionDays: d.extensionDays, result: d.result, actions: d.events.map((e) => e.action) },
    kind,
  )
}

/** The paragraphs of a notice: what was decided, and what the visitor may do next and by when. */
function paragraphs(d: ReceiptData, clocks: readonly CaseClock[], kind: NoticeKind, rules: DeadlineRules): { body: string[]; next: string[] } {
  const w = (day: string | null | undefined) => (day ? writtenDate(day) : '——')
  const registered = hallDate(new Date(d.registeredAt), d.hall.timeZone)
  const intro = t('intro', { day: w(registered), demands: summarize(d.demands, DEMANDS_SUMMARY_CHARS).replace(/[。；，.\s]+$/, '') })
  const query = t('query', { phone: d.hall.phone || '——' })
  switch (kind) {
    case 'accepted': {
      // The handling period from 受理, as told then: a copy printed after a 延期 states the same date.
      const handling = clocks.find((k) => k.key === 'handling')
      const due = w(handling?.dueBeforeExtension ?? handling?.due)
      return { body: [intro + t('acceptedBody', { day: w(handling?.start), due, handlingDays: rules.handling, extensionDays: rules.extensionMax })], next: [query] }
    }
    case 'rejected':
      return {
        body: [intro + t('rejectedBody', { reason: d.routingReason ?? '' }), t('competent', { body: d.routingBody ?? '' })],
        // How to reach the competent body, as entered at the step (cases from before 0011 have none).
        next: [d.routingContact ? t('competentReach', { body: d.routingBody ?? '', contact: clause(d.routingContact) }) : t('competentContact', { body: d.routingBody ?? '', phone: d.hall.phone || '——' })],
      }
    case 'transferred': {
      const day = dayOf(d, 'transfer')?.day ?? registered
      return {
        body: [intro + t('transferredBody', { body: d.routingBody ?? '', day: w(day), reason: d.routingReason ?? '' })],
        next: [t('transferredNext', { body: d.routingBody ?? '', days: rules.writtenNotice }), ...(d.routingContact ? [t('transferredReach', { body: d.routingBody ?? '', contact: clause(d.routingContact) })] : []), query],
      }
    }
    case 'assigned': {
      const day = dayOf(d, 'assign')?.day ?? registered
      return { body: [intro + t('assignedBody', { unit: d.unitName ?? '', day: w(day), due: w(due(clocks, 'handling')) })], next: [query] }
    }
    case 'extended': {
      const e = lastOf(d, 'extend')
      return { body: [intro + t('extendedBody', { reason: e?.note ?? '', days: d.extensionDays ?? 0, due: w(due(clocks, 'handling')) })], next: [query] }
    }
    case 'closed':
      return { body: [intro + t('closedBody'), d.result ?? ''], next: [t('closedNext', { due: w(due(clocks, 'reviewRequest')), days: rules.reviewRequest })] }
    case 'reviewed': {
      const asked = dayOf(d, 'requestReview')?.day
      return { body: [t('reviewedBody', { day: w(asked) }), lastOf(d, 'review')?.note ?? ''], next: [t('reviewedNext', { due: w(due(clocks, 'recheckRequest')), days: rules.recheckRequest })] }
    }
    case 'rechecked': {
      const asked = dayOf(d, 'requestRecheck')?.day
      return { body: [t('recheckedBody', { day: w(asked) }), lastOf(d, 'recheck')?.note ?? ''], next: [t('recheckedNext')] }
    }
  }
}

function pageCss(layout: NoticeOptions['layout']): string {
  return layout === 'a4'
    ? '@page{size:210mm 297mm;margin:20mm 22mm}body{font-size:12pt}h1{font-size:20pt}' + screenCss('210mm', '20mm 22mm')
    : '@page{size:148mm 210mm;margin:11mm 12mm}body{font-size:9.5pt}h1{font-size:15pt}' + screenCss('148mm', '11mm 12mm')
}

/**
 * A written notice (告知书) as one self-contained HTML document, from the same font and page
 * machinery as the 回执: the hall's name, the case number, the dates the deadline engine gave
 * written out, what the visitor may do next and by when, and a seal area. No ID number at all.
 */
export async function renderNoticeHtml(d: ReceiptData, clocks: readonly CaseClock[], kind: NoticeKind, options: NoticeOptions): Promise<string> {
  const title = t(`titles.${kind}`)
  const mark = options.preview ? zhText('receipt.preview') : options.copyNo > 1 ? `${zhText('receipt.reprint')} · ${zhText('receipt.copy', { n: options.copyNo })}` : ''
  const { body, next } = paragraphs(d, clocks, kind, options.rules)
  const contact = [d.hall.address && `${zhText('receipt.address')}：${d.hall.address}`, d.hall.phone && `${zhText('receipt.phone')}：${d.hall.phone}`]
    .filter(Boolean)
    .join('\u3000')
  // A date written out or a telephone number is never broken across lines (it was: "2027年1月4 / 日").
  const keep = (html: string) => html.replace(/\d{4}年\d{1,2}月\d{1,2}日|\d{3,4}-\d{7,8}|[A-Z]{2,6}-\d{8}-\d{4}/g, (m) => `<span class="nb">${m}</span>`)
  const p = (s: string) => `<p>${keep(escape(s))}</p>`
  const content = `<div class="head"><div class="hall">${escape(d.hall.name)}</div><h1>${escape(title)}</h1>
<div class="no">${escape(t('number', { caseNumber: d.caseNumber }))}${mark ? `<span class="mark">${escape(mark)}</span>` : ''}</div></div>
<p class="to">${escape(t('salutation', { name: d.visitorName }))}</p>
<div class="body">${body.map(p).join('')}</div>
<div class="next"><div class="next-title">${escape(t('nextTitle'))}</div>${next.map(p).join('')}</div>
<div class="seal"><div class="seal-box">${escape(t('seal'))}</div><div class="seal-hall">${escape(d.hall.name)}</div><div class="seal-date">${escape(t('sealDate'))}</div></div>
${contact ? `<p class="contact">${escape(contact)}</p>` : ''}`
  const fontCss = await options.fontCss(content.replace(/<[^>]+>/g, ''))
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)} ${escape(d.caseNumber)}</title>
<style>${fontCss}
*{box-sizing:border-box}html,body{margin:0;padding:0}
body{font-family:'${RECEIPT_FONT_FAMILY}',sans-serif;color:#000;line-height:1.75;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.head{text-align:center;margin-bottom:4mm}.hall{font-weight:700;font-size:1.1em}
h1{margin:1mm 0 2mm;letter-spacing:0.3em;font-weight:700}
.no{font-size:0.95em}.mark{border:0.3mm solid #000;padding:0 1.5mm;margin-left:3mm;font-weight:700}
.to{font-weight:700;margin:0 0 1mm}
.body p,.next p{text-indent:2em;margin:0 0 1.5mm;word-break:break-all}
.next{margin-top:3mm}.next-title{font-weight:700;margin-bottom:1mm}
.nb{white-space:nowrap}
.seal{margin:10mm 0 0 auto;width:62mm;text-align:center}
.seal-box{border:0.3mm dashed #555;color:#555;height:26mm;line-height:26mm;margin-bottom:2mm}
.seal-hall{font-weight:700}.seal-date{letter-spacing:0.1em}
.contact{margin-top:8mm;font-size:0.85em;border-top:0.2mm solid #777;padding-top:2mm}
${pageCss(options.layout)}
</style></head><body class="notice layout-${options.layout}">${content}</body></html>`
}
