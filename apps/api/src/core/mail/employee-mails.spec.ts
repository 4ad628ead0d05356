import { BUILT_IN_MESSAGES, Translator } from '@teamframe/shared-types';
import { describe, expect, it } from 'vitest';
import { composeInviteMail } from '../../modules/invites/invite-mail';
import { composeApprovedMail, composeRejectionMail } from '../../modules/review/review-mail';
import { mailDate } from './mail-dates';

const t = (lang: keyof typeof BUILT_IN_MESSAGES, locale: string = lang) => new Translator(locale, BUILT_IN_MESSAGES[lang], BUILT_IN_MESSAGES.en);
const base = { to: 'x@acme.test', firstName: 'Jonas', orgName: 'Acme & Co', link: 'https://tf.test/u/abc', expiresAt: new Date('2026-12-21T10:00:00Z') };

describe('mails to employees, in their language', () => {
  it('writes the invite in German, with the due day and the campaign, dates in German', () => {
    const m = composeInviteMail({ ...base, t: t('de'), reminder: false, dueOn: '2026-12-18', campaignName: 'Vertrieb 2027' });
    expect(m.subject).toBe('Acme & Co bittet um Ihr Porträtfoto');
    expect(m.text).toContain('Es geht um „Vertrieb 2027“. Bitte schicken Sie es bis Freitag, 18. Dezember 2026.');
    expect(m.text).toContain('Der Link ist persönlich und gilt bis Montag, 21. Dezember 2026.');
    expect(m.html).toContain('<html lang="de" dir="ltr">');
    expect(m.html).toContain('Acme &amp; Co');
    expect(m.language).toBe('de');
  });

  it('writes reminders and refresh invites with their own subjects', () => {
    expect(composeInviteMail({ ...base, t: t('fr'), reminder: true }).subject).toBe('Rappel : votre portrait Acme & Co');
    expect(composeInviteMail({ ...base, t: t('es'), reminder: false, refresh: true }).subject).toBe('Es hora de renovar tu foto de perfil de Acme & Co');
    expect(composeInviteMail({ ...base, t: t('nl'), reminder: false }).text).toMatch(/^Hallo Jonas,\n/);
  });

  it('turns an Arabic mail right to left, keeping the link left to right', () => {
    const m = composeInviteMail({ ...base, t: t('ar'), reminder: false });
    expect(m.html).toContain('<html lang="ar" dir="rtl">');
    expect(m.html).toContain('text-align:right');
    expect(m.html).toContain('<span dir="ltr" style="word-break:break-all">https://tf.test/u/abc</span>');
    expect(m.subject).toBe('تطلب Acme & Co صورتك الشخصية');
  });

  it('puts HR’s reason and the new link in one rejection mail', () => {
    const m = composeRejectionMail({ ...base, t: t('de'), reason: 'Bitte ohne Sonnenbrille <3' });
    expect(m.subject).toBe('Acme & Co: Bitte schicken Sie ein neues Selfie');
    expect(m.text).toContain('Bitte ohne Sonnenbrille <3');
    expect(m.text).toContain('Bitte laden Sie hier ein anderes Foto hoch: https://tf.test/u/abc');
    expect(m.text).toContain('Der frühere Link funktioniert nicht mehr.');
    expect(m.html).toContain('Bitte ohne Sonnenbrille &lt;3');
  });

  it('says where the approved headshot is', () => {
    const attached = composeApprovedMail({ ...base, t: t('es'), attachment: { filename: 'h.jpg', content: Buffer.from('x'), contentType: 'image/jpeg' } });
    expect(attached.text).toContain('La tienes adjunta en este correo');
    expect(composeApprovedMail({ ...base, t: t('es') }).text).toContain('Abre el enlace de tu correo de invitación');
  });

  it('writes one day one way per reader, and HR’s mails the British way', () => {
    expect(mailDate('2026-12-21', 'en-US')).toBe('Monday, December 21, 2026');
    expect(mailDate('2026-12-21', 'nl')).toBe('maandag 21 december 2026');
    expect(mailDate('2026-12-21')).toMatch(/^Monday,? 21 December 2026$/);
  });
});
