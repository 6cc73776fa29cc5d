import { useEffect } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import type { IntakeInput, IntakeValues } from '../../../shared/intake/schemas'
import { call } from '../../api/client'

/**
 * An intake started from a called ticket takes 来访类型 and 人数 from it (集体访 with its
 * headcount; the other kinds are one visitor). Only a fresh form is changed: typing is never overwritten.
 */
export function useTicketPrefill(form: UseFormReturn<IntakeInput, unknown, IntakeValues>): void {
  useEffect(() => {
    let live = true
    void call('queue.desk', {}).then((result) => {
      if (!live || !result.ok || result.value.serving === null || form.formState.isDirty) return
      const ticket = result.value.serving
      form.setValue('kind', ticket.kind === 'group' ? 'group' : 'individual')
      form.setValue('headcount', ticket.kind === 'group' ? ticket.headcount : 1)
    })
    return () => {
      live = false
    }
  }, [form])
}
