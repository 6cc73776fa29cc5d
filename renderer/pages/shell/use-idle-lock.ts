import { useEffect, useRef } from 'react'

const EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const

/** Calls onIdle once after `minutes` without keyboard or pointer input; 0 turns it off. */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  const last = useRef(Date.now())
  const fired = useRef(false)
  useEffect(() => {
    if (minutes <= 0) return
    const touch = () => {
      last.current = Date.now()
    }
    for (const e of EVENTS) window.addEventListener(e, touch, { passive: true })
    const timer = window.setInterval(() => {
      if (!fired.current && Date.now() - last.current >= minutes * 60_000) {
        fired.current = true
        onIdle()
      }
    }, 5_000)
    return () => {
      for (const e of EVENTS) window.removeEventListener(e, touch)
      window.clearInterval(timer)
    }
  }, [minutes, onIdle])
}
