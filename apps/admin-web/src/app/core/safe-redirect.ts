/**
 * Returns `target` when it is a path inside this app, else `fallback`. The sign-in page takes the
 * page to return to from the query string, so anything that could leave the origin (`//evil.example`,
 * `/\evil.example`, `https://…`, `javascript:`) must be refused.
 */
export function safeInternalPath(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string' || target.length === 0 || target.length > 2000) return fallback;
  if (!target.startsWith('/')) return fallback;
  // Browsers treat a backslash like a slash, so "/\host" is protocol-relative too.
  if (target.startsWith('//') || target.startsWith('/\\')) return fallback;
  // Control characters (tab, newline) are stripped by URL parsers and can smuggle a second slash in.
  for (let i = 0; i < target.length; i++) {
    const code = target.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return fallback;
  }
  if (target === '/sign-in' || target.startsWith('/sign-in?') || target.startsWith('/sign-in#')) {
    return fallback;
  }
  return target;
}
