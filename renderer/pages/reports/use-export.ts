import { App } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ExportJob } from '../../../shared/reports/types'
import { call, errorText, fetchDownload } from '../../api/client'

type Request = { kind: 'log' | 'weekly'; format: 'xlsx' | 'csv' | 'pdf'; from: string; to: string }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs an export on the main side and follows its progress; the window stays usable. The
 * browser host downloads the finished file, Electron asks where to save it.
 */
export function useExport() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [job, setJob] = useState<ExportJob | null>(null)

  async function run(request: Request): Promise<void> {
    const started = await call('reports.export', request)
    if (!started.ok) {
      void message.error(t('reports.exportFailed', { message: errorText(started.error) }))
      return
    }
    let current = started.value
    setJob(current)
    while (current.status === 'running') {
      await sleep(250)
      const r = await call('reports.job', { id: current.id })
      if (!r.ok) break
      current = r.value
      setJob(current)
    }
    setJob(null)
    if (current.status !== 'done') {
      void message.error(t('reports.exportFailed', { message: current.error ?? '' }))
      return
    }
    if (current.download !== null) {
      const blob = await fetchDownload(current.download)
      if (blob === null) {
        void message.error(t('reports.exportFailed', { message: t('reports.downloadGone') }))
        return
      }
      const url = URL.createObjectURL(blob)
      const link = document.createElement('a')
      link.href = url
      link.download = current.fileName
      document.body.appendChild(link)
      link.click()
      link.remove()
      setTimeout(() => URL.revokeObjectURL(url), 60_000)
      void message.success(t('reports.exported', { file: current.fileName }))
    } else {
      const saved = await call('reports.saveExport', { id: current.id })
      if (saved.ok && saved.value) void message.success(t('reports.saved', { path: saved.value.path }))
    }
  }

  return { job, run }
}
