import type { Translator } from '@teamframe/shared-types';

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The HTML frame of every mail to an employee, in their language: `lang` and `dir` on the document so
 * mail clients pick the right fonts, hyphenation and reading direction (Arabic runs right to left).
 */
export function employeeMailHtml(t: Translator, orgName: string, body: string, logo = false): string {
  return `<!doctype html><html lang="${escapeHtml(t.locale)}" dir="${t.dir}"><body dir="${t.dir}" style="font-family:Roboto,Arial,sans-serif;color:#1b1b1f;max-width:560px;margin:auto;padding:24px;text-align:${t.dir === 'rtl' ? 'right' : 'left'}">
${logo ? `<img src="cid:org-logo" alt="${escapeHtml(orgName)}" style="max-height:48px;max-width:200px;margin:0 0 12px">` : ''}
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(orgName)}</h1>
${body}</body></html>`;
}

/** The big button and the copyable link under it. */
export function linkButtonHtml(t: Translator, link: string, label: string): string {
  return `<p style="margin:24px 0"><a href="${escapeHtml(link)}" style="background:#005cbb;color:#fff;padding:12px 20px;border-radius:20px;text-decoration:none;display:inline-block">${escapeHtml(label)}</a></p>
<p style="font-size:14px">${escapeHtml(t.t('mail.pasteLink'))} <br><span dir="ltr" style="word-break:break-all">${escapeHtml(link)}</span></p>`;
}
