import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../apps/api/test/support/http-client';
import { TestSmtp } from '../../apps/api/test/support/smtp';
import { launchChromium, screenshot, seriousA11yViolations } from './support/browser';
import { REPO_ROOT, type RunningProduct, startProduct } from './support/product';

const TESTDATA = process.env.TEAMFRAME_TESTDATA ?? path.resolve(REPO_ROOT, '../shared/testdata');
const OWNER = { email: 'hr@sprachen.test', password: 'languages owner passphrase' };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Nothing on the page is wider than the phone: no sideways scrolling, no element past the right or left edge. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('main *'))) {
      const r = el.getBoundingClientRect();
      if (r.width && (r.right > width + 1 || r.left < -1)) out.push(`${el.tagName.toLowerCase()}.${el.className} spans ${Math.round(r.left)}–${Math.round(r.right)}`);
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible' && el.clientWidth > 0 && el.children.length === 0) out.push(`${el.tagName.toLowerCase()} text overflows: ${el.textContent?.trim().slice(0, 40)}`);
    }
    return out;
  });
}

/**
 * The employee side in the employee's language, in real Chromium on a phone: a German employee (language
 * `de`) opens her link in an English browser and gets the German page and German check sentences; a
 * person without a language in a French browser gets French; an Arabic-speaking person gets the page
 * right to left. Screenshots at 390 px in de, fr and ar, checked for overflow.
 */
describe('the upload page speaks the employee’s language', () => {
  let product: RunningProduct;
  let browser: Browser;
  let smtp: TestSmtp;
  let hr: HttpClient;
  const contexts: BrowserContext[] = [];

  async function invite(email: string, firstName: string, language?: string): Promise<string> {
    const e = await hr.post('/api/employees', { email, firstName, lastName: 'Test', ...(language ? { language } : {}) });
    expect(e.status).toBe(201);
    await hr.post('/api/invites', { employeeIds: [e.json.id] });
    const mail = await smtp.waitFor(email);
    return mail.text!.match(/https?:\/\/\S+\/u\/[A-Za-z0-9_-]{43}/)![0];
  }

  async function phone(locale: string): Promise<Page> {
    const ctx = await browser.newContext({ ...PHONE, locale });
    contexts.push(ctx);
    return ctx.newPage();
  }

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    product = await startProduct({ SMTP_URL: smtp.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Sprachen GmbH' });
    browser = await launchChromium();
    hr = new HttpClient(product.url);
    expect((await hr.signIn(OWNER.email, OWNER.password)).status).toBe(200);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await product?.stop();
    await smtp?.stop();
  });

  it('a German-speaking employee in an English browser gets the German page and a German check sentence', async () => {
    const link = await invite('jonas@sprachen.test', 'Jonas', 'de');
    const page = await phone('en-US');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Hallo Jonas' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    await page.getByText('Sprachen GmbH erstellt einheitliche Porträtfotos für das ganze Team').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await overflow(page)).toEqual([]);
    await screenshot(page, 'upload-de-consent-phone');

    await page.getByRole('checkbox', { name: 'Ich habe das gelesen und bin einverstanden' }).check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('button', { name: /Foto auswählen/ }).waitFor();
    await page.locator('input[type=file]:not([capture])').setInputFiles(path.join(TESTDATA, 'group/two-people.jpg'));
    await page.getByText('Auf diesem Foto ist mehr als eine Person zu sehen.').waitFor({ timeout: 30_000 });
    await page.getByText('Machen Sie ein Foto, auf dem nur Sie zu sehen sind.').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Dieses Foto kann nicht verwendet werden.');
    expect(await overflow(page)).toEqual([]);
    await screenshot(page, 'upload-de-refused-phone');
  });

  it('someone without a language, in a French browser, gets French', async () => {
    const link = await invite('claire@sprachen.test', 'Claire');
    const page = await phone('fr-FR');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Bonjour Claire' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr-FR');
    await page.getByRole('checkbox', { name: 'J’ai lu ce texte et j’accepte' }).waitFor();
    await page.getByText(/Ce lien est personnel et valable jusqu’au \S+ \d{1,2} \S+ \d{4} \(encore \d+ jours\)/).waitFor();
    expect(await overflow(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'upload-fr-consent-phone');
    await page.getByRole('checkbox', { name: 'J’ai lu ce texte et j’accepte' }).check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('button', { name: /Prendre un selfie/ }).waitFor();
    await page.locator('input[type=file]:not([capture])').setInputFiles(path.join(TESTDATA, 'nonface/coffee.jpg'));
    await page.getByText('Nous n’avons trouvé aucun visage sur cette photo.').waitFor({ timeout: 30_000 });
    expect(await overflow(page)).toEqual([]);
    await screenshot(page, 'upload-fr-refused-phone');
  });

  it('an Arabic-speaking employee gets the page right to left', async () => {
    const link = await invite('omar@sprachen.test', 'Omar', 'ar');
    const page = await phone('en-GB');
    await page.goto(link);
    await page.getByRole('heading', { name: 'مرحبًا Omar' }).waitFor();
    expect(await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }))).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await page.locator('main').evaluate((m) => getComputedStyle(m).direction)).toBe('rtl');
    // The consent checkbox sits at the right edge, its label to its left.
    const box = await page.getByRole('checkbox', { name: 'قرأت هذا النص وأوافق عليه' }).boundingBox();
    const label = await page.getByText('قرأت هذا النص وأوافق عليه').boundingBox();
    expect(box!.x).toBeGreaterThan(label!.x);
    expect(await overflow(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'upload-ar-consent-phone');
    await page.getByRole('checkbox', { name: 'قرأت هذا النص وأوافق عليه' }).check();
    await page.getByRole('button', { name: 'متابعة' }).click();
    await page.locator('input[type=file]:not([capture])').setInputFiles(path.join(TESTDATA, 'group/two-people.jpg'));
    await page.getByText('تظهر في هذه الصورة أكثر من شخص واحد.').waitFor({ timeout: 30_000 });
    expect(await overflow(page)).toEqual([]);
    await screenshot(page, 'upload-ar-refused-phone');
  });
});
