import { mailDate } from '../../core/mail/mail-dates';
import type { OutgoingMail } from '../../core/mail/mail.service';

export interface InviteMailContext {
  to: string;
  firstName: string;
  orgName: string;
  link: string;
  expiresAt: Date;
  reminder: boolean;
  /** The org's logo (PNG), shown at the top of the mail. */
  logo?: Buffer;
  /** The campaign's due day (`YYYY-MM-DD`), when the invite belongs to one that has a due day. */
  dueOn?: string | null;
  /** The campaign's name as HR typed it (the dialog promises it appears in the invite); null for none. */
  campaignName?: string | null;
  /** A refresh campaign: the person has a headshot already, it is getting old. */
  refresh?: boolean;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const TIPS = [
  'Face the camera, eyes level with the lens, shoulders in the picture.',
  'Soft, even light from the front: face a window, not a lamp behind you.',
  'Just you in the photo, no sunglasses or hat; the background does not matter.',
];

/** The invite (or reminder) mail: plain text and HTML with the same content. */
export function composeInviteMail(c: InviteMailContext): OutgoingMail {
  const expires = mailDate(c.expiresAt);
  const due = c.dueOn ? mailDate(c.dueOn) : null;
  const subject = c.reminder ? `Reminder: your ${c.orgName} headshot` : c.refresh ? `Time to refresh your ${c.orgName} headshot` : `${c.orgName} would like your headshot`;
  const intro = [
    c.reminder
      ? `We have not received your selfie yet. It takes a minute from your phone.`
      : c.refresh
        ? `Your ${c.orgName} headshot is getting old. Take or upload a new selfie and we turn it into a fresh headshot in the company style.`
        : `${c.orgName} is refreshing everyone's profile photo so the whole team looks consistent. Take or upload one selfie and we turn it into a professional headshot.`,
    c.campaignName ? `This is for “${c.campaignName}”.` : '',
    due ? `Please send it by ${due}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const text = [
    `Hello ${c.firstName},`,
    '',
    intro,
    '',
    `Open this link on your phone or computer: ${c.link}`,
    `The link is personal and works until ${expires}.`,
    '',
    'For the best result:',
    ...TIPS.map((t) => `- ${t}`),
    '',
    `Your photo is used only for ${c.orgName}'s headshots and is kept as the company's retention settings say.`,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:Roboto,Arial,sans-serif;color:#1b1b1f;max-width:560px;margin:auto;padding:24px">
${c.logo ? `<img src="cid:org-logo" alt="${escapeHtml(c.orgName)}" style="max-height:48px;max-width:200px;margin:0 0 12px">` : ''}
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(c.orgName)}</h1>
<p>Hello ${escapeHtml(c.firstName)},</p>
<p>${escapeHtml(intro)}</p>
<p style="margin:24px 0"><a href="${escapeHtml(c.link)}" style="background:#005cbb;color:#fff;padding:12px 20px;border-radius:20px;text-decoration:none;display:inline-block">Take my selfie</a></p>
<p style="font-size:14px">Or paste this link into your browser: <br><span style="word-break:break-all">${escapeHtml(c.link)}</span></p>
<p style="font-size:14px">The link is personal and works until <strong>${escapeHtml(expires)}</strong>.</p>
<h2 style="font-size:16px">For the best result</h2>
<ul style="font-size:14px">${TIPS.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>
<p style="font-size:12px;color:#555">Your photo is used only for ${escapeHtml(c.orgName)}'s headshots and is kept as the company's retention settings say.</p>
</body></html>`;
  const attachments = c.logo ? [{ filename: 'logo.png', content: c.logo, contentType: 'image/png', cid: 'org-logo' }] : undefined;
  return { to: c.to, subject, text, html, attachments };
}
