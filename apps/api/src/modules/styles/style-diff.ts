import type { StyleChange } from '@teamframe/shared-types';

/** Every leaf that differs between two JSON documents, by dotted path (arrays by index). */
export function diffStyles(a: unknown, b: unknown, path = ''): StyleChange[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffStyles(a[k], b[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    return Array.from({ length: n }, (_, i) => diffStyles(a[i], b[i], `${path}.${i}`)).flat();
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path: path || '(style)', from: a ?? null, to: b ?? null }];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
