/** What a key press in the full-size viewer asks for; null when the key is not one of its shortcuts. */
export type ViewerCommand = 'next' | 'previous' | 'zoom' | 'approve' | 'reject' | 'regenerate';

const KEYS: Record<string, ViewerCommand> = {
  ArrowRight: 'next',
  j: 'next',
  ArrowLeft: 'previous',
  k: 'previous',
  z: 'zoom',
  a: 'approve',
  r: 'reject',
  g: 'regenerate',
};

/** Modified keys (Ctrl+R, Cmd+A) stay the browser's. */
export function viewerCommand(e: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>): ViewerCommand | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  return KEYS[e.key.length === 1 ? e.key.toLowerCase() : e.key] ?? null;
}

interface Scrollable {
  scrollLeft: number;
  scrollTop: number;
  scrollWidth: number;
  scrollHeight: number;
  clientWidth: number;
  clientHeight: number;
}

/**
 * Where `dst` should scroll so it shows the same relative spot as `src`: the selfie and the headshot
 * differ in size, so panning is kept in step as a fraction of each one's scrollable range.
 */
export function syncedScroll(src: Scrollable, dst: Scrollable): { left: number; top: number } {
  const fraction = (pos: number, range: number) => (range > 0 ? pos / range : 0.5);
  const fx = fraction(src.scrollLeft, src.scrollWidth - src.clientWidth);
  const fy = fraction(src.scrollTop, src.scrollHeight - src.clientHeight);
  return { left: Math.round(fx * Math.max(0, dst.scrollWidth - dst.clientWidth)), top: Math.round(fy * Math.max(0, dst.scrollHeight - dst.clientHeight)) };
}
