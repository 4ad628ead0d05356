import type { Translator } from '@teamframe/shared-types';
import { employeeMailHtml, escapeHtml, linkButtonHtml } from '../../core/mail/employee-mail';
import { mailDate } from '../../core/mail/mail-dates';
import type { OutgoingMail } from '../../core/mail/mail.service';

/** HR turned the headshot down: the reason (in HR's words) and the fresh link in one mail, in the employee's language. */
export function composeRejectionMail(c: { to: string; firstName: string; orgName: string; reason: string; link: string; expiresAt: Date; t: Translator }): OutgoingMail {
  const { t } = c;
  const subject = t.t('mail.rejection.subject', { orgName: c.orgName });
  const intro = t.t('mail.rejection.intro', { orgName: c.orgName });
  const valid = `${t.t('mail.linkValid', { date: mailDate(c.expiresAt, t.locale) })} ${t.t('mail.rejection.oldLink')}`;
  const text = [t.t('mail.greeting', { firstName: c.firstName }), '', intro, '', c.reason, '', `${t.t('mail.rejection.upload')} ${c.link}`, valid].join('\n');
  const html = employeeMailHtml(
    t,
    c.orgName,
    `<p>${escapeHtml(t.t('mail.greeting', { firstName: c.firstName }))}</p>
<p>${escapeHtml(intro)}</p>
<blockquote dir="auto" style="border-inline-start:4px solid #005cbb;margin:16px 0;padding:4px 12px;white-space:pre-wrap">${escapeHtml(c.reason)}</blockquote>
${linkButtonHtml(t, c.link, t.t('mail.rejection.button'))}
<p style="font-size:14px">${escapeHtml(valid)}</p>`,
  );
  return { to: c.to, subject, text, html, language: t.locale };
}

/** The headshot is approved: the LinkedIn size attached when there is one. */
export function composeApprovedMail(c: { to: string; firstName: string; orgName: string; t: Translator; attachment?: { filename: string; content: Buffer; contentType: string } }): OutgoingMail {
  const { t } = c;
  const subject = t.t('mail.approved.subject', { orgName: c.orgName });
  const body = `${t.t('mail.approved.body', { orgName: c.orgName })} ${t.t(c.attachment ? 'mail.approved.attached' : 'mail.approved.viaLink')}`;
  const later = t.t('mail.approved.later');
  const text = [t.t('mail.greeting', { firstName: c.firstName }), '', body, '', later].join('\n');
  const html = employeeMailHtml(t, c.orgName, `<p>${escapeHtml(t.t('mail.greeting', { firstName: c.firstName }))}</p>\n<p>${escapeHtml(body)}</p>\n<p style="font-size:14px">${escapeHtml(later)}</p>`);
  return { to: c.to, subject, text, html, attachments: c.attachment ? [c.attachment] : undefined, language: t.locale };
}
