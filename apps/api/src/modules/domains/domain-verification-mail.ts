import type { OutgoingMail } from '../../core/mail/mail.service';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** To a role mailbox at the domain: opening the link proves the org may route the domain's people. */
export function composeDomainVerificationMail(c: { to: string; domain: string; orgName: string; link: string; validHours: number }): OutgoingMail {
  const subject = `Confirm ${c.domain} for single sign-on at ${c.orgName}`;
  const text = [
    `The organisation "${c.orgName}" asks to use single sign-on for every e-mail address at ${c.domain} on Teamframe.`,
    '',
    `If ${c.orgName} is your organisation and runs ${c.domain}, open this link within ${c.validHours} hours to confirm:`,
    c.link,
    '',
    `If you do not know ${c.orgName}, ignore this mail: nothing changes without the link.`,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:Roboto,Arial,sans-serif;color:#1b1b1f;max-width:560px;margin:auto;padding:24px">
<p>The organisation <b>${escapeHtml(c.orgName)}</b> asks to use single sign-on for every e-mail address at <b>${escapeHtml(c.domain)}</b> on Teamframe.</p>
<p>If ${escapeHtml(c.orgName)} is your organisation and runs ${escapeHtml(c.domain)}, open this link within ${c.validHours} hours to confirm:</p>
<p><a href="${escapeHtml(c.link)}">Confirm ${escapeHtml(c.domain)}</a></p>
<p style="font-size:14px">If you do not know ${escapeHtml(c.orgName)}, ignore this mail: nothing changes without the link.</p></body></html>`;
  return { to: c.to, subject, text, html };
}
