import { mailDate } from '../../core/mail/mail-dates';
import type { OutgoingMail } from '../../core/mail/mail.service';
import type { BatchSummary, CampaignDueFacts, DigestFacts } from './notification-facts.service';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** What every HR notification shares: who it is for, the org, and the admin's address (PUBLIC_URL). */
export interface HrMailContext {
  to: string;
  name: string;
  orgName: string;
  publicUrl: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line per fact, a button to the page to act on, and why the mail came: the same in text and HTML. */
function compose(c: HrMailContext, m: { subject: string; intro: string; lines: string[]; action: { label: string; path: string }; why: string }): OutgoingMail {
  const link = `${c.publicUrl}${m.action.path}`;
  const settings = `${c.publicUrl}/settings/notifications`;
  const text = [
    `Hello ${c.name},`,
    '',
    m.intro,
    '',
    ...m.lines.map((l) => `- ${l}`),
    '',
    `${m.action.label}: ${link}`,
    '',
    `${m.why} Change which mails you get: ${settings}`,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:Roboto,Arial,sans-serif;color:#1b1b1f;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(c.orgName)}</h1>
<p>Hello ${escapeHtml(c.name)},</p>
<p>${escapeHtml(m.intro)}</p>
<ul>${m.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>
<p style="margin:24px 0"><a href="${escapeHtml(link)}" style="background:#005cbb;color:#fff;padding:12px 20px;border-radius:20px;text-decoration:none;display:inline-block">${escapeHtml(m.action.label)}</a></p>
<p style="font-size:12px;color:#555">${escapeHtml(m.why)} <a href="${escapeHtml(settings)}">Change which mails you get</a>.</p>
</body></html>`;
  return { to: c.to, subject: m.subject, text, html };
}

export function composeBatchFinishedMail(c: HrMailContext & { batch: BatchSummary }): OutgoingMail {
  const b = c.batch;
  const lines = [`${plural(b.inReview, 'headshot')} ready for review`, `${plural(b.failed, 'headshot')} failed`];
  for (const r of b.failureReasons) lines.push(`${r.count} × ${r.reason}`);
  const ready = b.inReview > 0;
  return compose(c, {
    subject: `${c.orgName}: batch finished, ${b.inReview} ready for review${b.failed ? `, ${b.failed} failed` : ''}`,
    intro: `A batch of ${plural(b.total, 'selfie')} has finished processing.`,
    lines,
    // With nothing to review the failures are what needs doing: retry them from the batches page.
    action: ready ? { label: 'Review the headshots', path: '/review' } : { label: 'See the batch', path: '/batches' },
    why: 'You get this mail when a batch finishes.',
  });
}

export function composeReviewWaitingMail(c: HrMailContext & { waiting: number }): OutgoingMail {
  return compose(c, {
    subject: `${c.orgName}: ${plural(c.waiting, 'headshot')} waiting for your review`,
    intro: `New headshots are ready. ${c.waiting === 1 ? 'One person is' : `${c.waiting} people are`} waiting for you to approve or reject their headshot.`,
    lines: [`${plural(c.waiting, 'headshot')} waiting for review`],
    action: { label: 'Review the headshots', path: '/review' },
    why: 'You get this mail when new headshots are waiting for review.',
  });
}

export function composeDigestMail(c: HrMailContext & { day: string; facts: DigestFacts }): OutgoingMail {
  const f = c.facts;
  const lines: string[] = [];
  if (f.newUploads) lines.push(`${plural(f.newUploads, 'new selfie')} in the last 24 hours`);
  if (f.waitingForReview) lines.push(`${plural(f.waitingForReview, 'headshot')} waiting for review`);
  if (f.failed) lines.push(`${plural(f.failed, 'headshot')} failed and waiting for a retry`);
  for (const k of f.campaignsDueSoon) lines.push(`Campaign “${k.name}” is due ${mailDate(k.dueOn)}: ${plural(k.missing, 'person', 'people')} still missing`);
  if (f.needsAttention) lines.push(`${plural(f.needsAttention, 'person', 'people')} did not answer after every reminder and need a personal nudge`);
  const action = f.waitingForReview ? { label: 'Review the headshots', path: '/review' } : f.failed ? { label: 'See the batches', path: '/batches' } : { label: 'Open Teamframe', path: '/' };
  return compose(c, {
    subject: `${c.orgName}: your Teamframe summary for ${mailDate(c.day)}`,
    intro: 'Here is what needs your attention today.',
    lines,
    action,
    why: 'You get this summary each morning when something happened.',
  });
}

export function composeCampaignDueMail(c: HrMailContext & { campaign: CampaignDueFacts & { dueOn: string } }): OutgoingMail {
  const k = c.campaign;
  return compose(c, {
    subject: `${c.orgName}: campaign “${k.name}” is due tomorrow`,
    intro: `The campaign “${k.name}” is due tomorrow, ${mailDate(k.dueOn)}.`,
    lines: [k.missing === 0 ? 'Everyone invited to it has sent a selfie' : `${k.missing === 1 ? '1 person has' : `${k.missing} people have`} not sent a selfie yet`],
    action: { label: 'Open the campaign', path: `/campaigns/${k.id}` },
    why: 'You get this mail the day before a campaign is due.',
  });
}
