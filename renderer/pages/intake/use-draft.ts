import { useCallback, useEffect, useRef, useState } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import type { Draft } from '../../../shared/intake/types'
import type { IntakeInput, IntakeValues } from '../../../shared/intake/schemas'
import { call, errorText } from '../../api/client'
import { hasContent, restoreDraft } from './draft-restore'
import { registerFlusher } from './draft-sync'

/** Saved this long after the last keystroke: well inside the 2 s promise. */
const SAVE_DELAY_MS = 700

/**
 * The reception whose draft this page load already offered back and the receptionist took up
 * (by its idempotency key). Offered once: after the next idle lock, or a trip to another page,
 * the same draft comes back into the form without asking again. A reload asks again.
 */
let takenUp: string | null = null

export type DraftState =
  | { phase: 'checking' }
  | { phase: 'offer'; draft: Draft }
  | { phase: 'ready'; saving: boolean; savedAt: string | null; error: string | null }

/**
 * Keeps the intake form on the main side while it is being filled, and offers a stored draft
 * back when the page opens (after a crash, a reload or an idle lock).
 */
export function useDraft(form: UseFormReturn<IntakeInput, unknown, IntakeValues>, step: number, setStep: (s: number) => void) {
  const [state, setState] = useState<DraftState>({ phase: 'checking' })
  const timer = useRef<number | undefined>(undefined)
  const dirty = useRef(false)
  const stored = useRef(false)
  const stepRef = useRef(step)
  stepRef.current = step

  useEffect(() => {
    let live = true
    void call('drafts.get', {}).then((result) => {
      if (!live) return
      const values = result.ok && result.value !== null ? restoreDraft(result.value.values) : null
      if (result.ok && result.value !== null && values !== null && hasContent(values)) {
        stored.current = true
        if (takenUp !== null && values.idempotencyKey === takenUp) {
          form.reset(values)
          setStep(Math.min(Math.max(result.value.step, 0), 3))
          setState({ phase: 'ready', saving: false, savedAt: result.value.updatedAt, error: null })
        } else setState({ phase: 'offer', draft: result.value })
      } else {
        setState({ phase: 'ready', saving: false, savedAt: null, error: null })
      }
    })
    return () => {
      live = false
    }
    // Read once, when the page opens (the form and the step setter do not change).
  }, [form, setStep])

  const save = useCallback(async () => {
    window.clearTimeout(timer.current)
    if (!dirty.current) return
    dirty.current = false
    const values = form.getValues()
    setState((s) => (s.phase === 'ready' ? { ...s, saving: true } : s))
    if (!hasContent(values)) {
      if (stored.current) await call('drafts.discard', {})
      stored.current = false
      setState({ phase: 'ready', saving: false, savedAt: null, error: null })
      return
    }
    const result = await call('drafts.save', { values: JSON.parse(JSON.stringify(values)) as never, step: stepRef.current })
    if (result.ok) {
      stored.current = true
      setState({ phase: 'ready', saving: false, savedAt: result.value.updatedAt, error: null })
    } else {
      dirty.current = true
      setState({ phase: 'ready', saving: false, savedAt: null, error: errorText(result.error) })
    }
  }, [form])

  const ready = state.phase === 'ready'
  useEffect(() => {
    if (!ready) return
    const subscription = form.watch(() => {
      dirty.current = true
      window.clearTimeout(timer.current)
      timer.current = window.setTimeout(() => void save(), SAVE_DELAY_MS)
    })
    const unregister = registerFlusher(save)
    return () => {
      subscription.unsubscribe()
      unregister()
      void save()
    }
  }, [ready, form, save])

  // A step change is progress worth keeping too.
  useEffect(() => {
    if (!ready) return
    dirty.current = dirty.current || stored.current
    void save()
  }, [step, ready, save])

  const restore = () => {
    if (state.phase !== 'offer') return
    const values = restoreDraft(state.draft.values)
    takenUp = values.idempotencyKey ?? null
    form.reset(values)
    setStep(Math.min(Math.max(state.draft.step, 0), 3))
    setState({ phase: 'ready', saving: false, savedAt: state.draft.updatedAt, error: null })
  }

  const discard = async () => {
    takenUp = null
    await call('drafts.discard', {})
    stored.current = false
    setState({ phase: 'ready', saving: false, savedAt: null, error: null })
  }

  /** After registration the main side has removed the draft already. */
  const forget = () => {
    takenUp = null
    window.clearTimeout(timer.current)
    dirty.current = false
    stored.current = false
    setState({ phase: 'ready', saving: false, savedAt: null, error: null })
  }

  return { state, restore, discard, forget, save }
}
