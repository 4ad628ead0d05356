import { mailDate } from '../../core/mail/mail-dates';
import type { OutgoingMail } from '../../core/mail/mail.service';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (orgName: string, body: string) =>
  `<!doctype html><html lang="en"><body style="font-family:Roboto,Arial,sans-serif;color:#1b1b1f;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(orgName)}</h1>${body}</body></html>`;

/** HR turned the headshot down: the reason and the fresh link in one mail. */
export function composeRejectionMail(c: { to: string; firstName: string; orgName: string; reason: string; link: string; expiresAt: Date }): OutgoingMail {
  const subject = `${c.orgName}: please send another selfie`;
  const expires = mailDate(c.expiresAt);
  const text = [
    `Hello ${c.firstName},`,
    '',
    `Thank you for your selfie. We could not use this one for your ${c.orgName} headshot:`,
    '',
    c.reason,
    '',
    `Please upload another photo here: ${c.link}`,
    `The link is personal and works until ${expires}. The earlier link no longer works.`,
  ].join('\n');
  const html = page(
    c.orgName,
    `<p>Hello ${escapeHtml(c.firstName)},</p>
<p>Thank you for your selfie. We could not use this one for your ${escapeHtml(c.orgName)} headshot:</p>
<blockquote style="border-left:4px solid #005cbb;margin:16px 0;padding:4px 12px;white-space:pre-wrap">${escapeHtml(c.reason)}</blockquote>
<p style="margin:24px 0"><a href="${escapeHtml(c.link)}" style="background:#005cbb;color:#fff;padding:12px 20px;border-radius:20px;text-decoration:none;display:inline-block">Send another selfie</a></p>
<p style="font-size:14px">Or paste this link into your browser: <br><span style="word-break:break-all">${escapeHtml(c.link)}</span></p>
<p style="font-size:14px">The link is personal and works until <strong>${escapeHtml(expires)}</strong>. The earlier link no longer works.</p>`,
  );
  return { to: c.to, subject, text, html };
}

/** The headshot is approved: the LinkedIn size attached when there is one. */
export function composeApprovedMail(c: { to: string; firstName: string; orgName: string; attachment?: { filename: string; content: Buffer; contentType: string } }): OutgoingMail {
  const subject = `Your ${c.orgName} headshot is ready`;
  const where = c.attachment
    ? 'It is attached to this email, in the size LinkedIn and most profile pictures use.'
    : 'Open the link from your invitation email to see and download it.';
  const text = [`Hello ${c.firstName},`, '', `Your new ${c.orgName} headshot has been approved. ${where}`, '', 'You can also download it any time from the link in your invitation email while it is valid.'].join('\n');
  const html = page(
    c.orgName,
    `<p>Hello ${escapeHtml(c.firstName)},</p>
<p>Your new ${escapeHtml(c.orgName)} headshot has been approved. ${escapeHtml(where)}</p>
<p style="font-size:14px">You can also download it any time from the link in your invitation email while it is valid.</p>`,
  );
  return { to: c.to, subject, text, html, attachments: c.attachment ? [c.attachment] : undefined };
}
