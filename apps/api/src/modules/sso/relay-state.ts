/**
 * Where to send the browser after sign-in: only a path inside this app (`/x`), never another
 * origin (`//x`, `/\x`, `https://x`) and nothing with control characters. Anything else goes to `/`.
 */
export function relayStateOrRoot(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.includes('\\') || [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return '/';
  // Resolve against a dummy origin: if the result leaves it, the path was a disguised absolute URL.
  const base = 'http://relay.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
