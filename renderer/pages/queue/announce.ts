import type { VoiceMode } from '../../../shared/queue/domain'

/** Whether this system has a Chinese voice for speech synthesis. */
export function chineseVoice(): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null
  return speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith('zh')) ?? null
}

/** What the hall screen uses: a Chinese voice where the system has one (and the hall allows it), else a chime. */
export function voiceInUse(mode: VoiceMode): 'speech' | 'chime' {
  return mode === 'auto' && chineseVoice() !== null ? 'speech' : 'chime'
}

let audio: AudioContext | null = null

/** A two-tone chime (叮咚) from the Web Audio API: no sound file to ship. */
export function chime(): void {
  audio ??= new AudioContext()
  const ctx = audio
  const tone = (freq: number, start: number) => {
    const osc = ctx.createOscillator()
    const gain = ctx.createGain()
    osc.frequency.value = freq
    gain.gain.setValueAtTime(0.0001, ctx.currentTime + start)
    gain.gain.exponentialRampToValueAtTime(0.4, ctx.currentTime + start + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + start + 0.7)
    osc.connect(gain).connect(ctx.destination)
    osc.start(ctx.currentTime + start)
    osc.stop(ctx.currentTime + start + 0.75)
  }
  tone(880, 0)
  tone(660, 0.45)
}

/** Spells a ticket number for the voice: A012 → A 0 1 2, so it is read digit by digit. */
export function spokenNumber(number: string): string {
  return number.split('').join(' ')
}

/** Announces a call: 请 A012 号 到 3号窗口, spoken twice, or a chime. */
export function announce(text: string, mode: VoiceMode): 'speech' | 'chime' {
  const voice = mode === 'auto' ? chineseVoice() : null
  if (voice === null) {
    chime()
    return 'chime'
  }
  for (let i = 0; i < 2; i++) {
    const u = new SpeechSynthesisUtterance(text)
    u.voice = voice
    u.lang = voice.lang
    u.rate = 0.9
    speechSynthesis.speak(u)
  }
  return 'speech'
}
