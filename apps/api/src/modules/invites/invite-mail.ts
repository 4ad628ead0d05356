import type { Translator } from '@teamframe/shared-types';
import { mailDate } from '../../core/mail/mail-dates';
import type { OutgoingMail } from '../../core/mail/mail.service';
import { employeeMailHtml, escapeHtml, linkButtonHtml } from '../../core/mail/employee-mail';

export interface InviteMailContext {
  to: string;
  firstName: string;
  orgName: string;
  link: string;
  expiresAt: Date;
  reminder: boolean;
  /** The employee's language (their own, else the org's default). */
  t: Translator;
  /** The org's logo (PNG), shown at the top of the mail. */
  logo?: Buffer;
  /** The campaign's due day (`YYYY-MM-DD`), when the invite belongs to one that has a due day. */
  dueOn?: string | null;
  /** The campaign's name as HR typed it (the dialog promises it appears in the invite); null for none. */
  campaignName?: string | null;
  /** A refresh campaign: the person has a headshot already, it is getting old. */
  refresh?: boolean;
}

const TIPS = ['mail.invite.tip.pose', 'mail.invite.tip.light', 'mail.invite.tip.alone'];

/** The invite (or reminder) mail in the employee's language: plain text and HTML with the same content. */
export function composeInviteMail(c: InviteMailContext): OutgoingMail {
  const { t } = c;
  const org = { orgName: c.orgName };
  const expires = mailDate(c.expiresAt, t.locale);
  const kind = c.reminder ? 'reminder' : c.refresh ? 'refresh' : 'invite';
  const subject = t.t(`mail.${kind}.subject`, org);
  const intro = [
    t.t(`mail.${kind}.intro`, org),
    c.campaignName ? t.t('mail.invite.campaign', { campaignName: c.campaignName }) : '',
    c.dueOn ? t.t('mail.invite.due', { date: mailDate(c.dueOn, t.locale) }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const tips = TIPS.map((k) => t.t(k));
  const valid = t.t('mail.linkValid', { date: expires });
  const privacy = t.t('mail.invite.privacy', org);
  const text = [t.t('mail.greeting', { firstName: c.firstName }), '', intro, '', `${t.t('mail.invite.open')} ${c.link}`, valid, '', `${t.t('mail.invite.tipsTitle')}:`, ...tips.map((x) => `- ${x}`), '', privacy].join('\n');
  const html = employeeMailHtml(
    t,
    c.orgName,
    `<p>${escapeHtml(t.t('mail.greeting', { firstName: c.firstName }))}</p>
<p>${escapeHtml(intro)}</p>
${linkButtonHtml(t, c.link, t.t('mail.invite.button'))}
<p style="font-size:14px">${escapeHtml(valid)}</p>
<h2 style="font-size:16px">${escapeHtml(t.t('mail.invite.tipsTitle'))}</h2>
<ul style="font-size:14px">${tips.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>
<p style="font-size:12px;color:#555">${escapeHtml(privacy)}</p>`,
    !!c.logo,
  );
  const attachments = c.logo ? [{ filename: 'logo.png', content: c.logo, contentType: 'image/png', cid: 'org-logo' }] : undefined;
  return { to: c.to, subject, text, html, attachments, language: t.locale };
}
