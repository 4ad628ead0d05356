import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../apps/api/test/support/http-client';
import { uploadPhoto } from '../../apps/api/test/support/invite-link';
import { TestSmtp } from '../../apps/api/test/support/smtp';
import { launchChromium, screenshot, seriousA11yViolations } from './support/browser';
import { REPO_ROOT, type RunningProduct, startProduct } from './support/product';

const TESTDATA = process.env.TEAMFRAME_TESTDATA ?? path.resolve(REPO_ROOT, '../shared/testdata');
const OWNER = { email: 'owner@journey.test', password: 'journey owner passphrase' };
const MARKETING = { email: 'mia@journey.test', password: 'marketing passphrase!' };
const PHOTOS = ['portraits/obama-official.jpg', 'portraits/biden-official.jpg', 'portraits/astronaut-collins.jpg', 'portraits/p16_maxre_face_paint.png', 'portraits/p15_maxre_woman_backlit.png', 'portraits/p09_max_luciano.png', 'portraits/p03_tf_grace_hopper.jpg', 'hard/warm-cast.jpg'];
const PEOPLE = Array.from({ length: 20 }, (_, i) => ({
  email: `person${i + 1}@journey.test`,
  first: ['Ana', 'Bo', 'Cy', 'Dee', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun'][i % 10],
  last: `Tester${i + 1}`,
  title: i % 2 ? 'Engineer' : 'Designer',
  department: i % 3 ? 'Product' : 'Sales',
}));

/**
 * The whole journey the way a new customer meets Teamframe: the owner sets the style, imports 20
 * people and invites them; employees answer from phones and laptops (one sends an unusable photo
 * first); the batch runs; HR rejects one and approves the rest; marketing exports the ZIP and its
 * team page shows everyone approved. Screenshots and an accessibility scan at every page.
 */
describe('the whole journey', () => {
  let product: RunningProduct;
  let browser: Browser;
  let smtp: TestSmtp;
  let hrContext: BrowserContext;
  let hr: Page;
  const a11y: Record<string, unknown[]> = {};

  async function look(page: Page, name: string) {
    await page.waitForLoadState('networkidle');
    a11y[name] = await seriousA11yViolations(page);
    await screenshot(page, `journey-${name}`);
  }

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    product = await startProduct({ SMTP_URL: smtp.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Journey Corp' });
    browser = await launchChromium();
    hrContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    hr = await hrContext.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await smtp?.stop();
  });

  it('the owner signs in, sets the company style and switches to batches', async () => {
    await hr.goto(`${product.url}/sign-in`);
    await hr.getByLabel('Work email').fill(OWNER.email);
    await hr.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await hr.getByRole('button', { name: 'Sign in', exact: true }).click();
    await hr.getByText('Journey Corp').first().waitFor();
    await look(hr, '01-dashboard');

    await hr.goto(`${product.url}/style`);
    await hr.getByRole('heading', { name: 'Background' }).waitFor();
    await hr.getByLabel('Colour (hex)').fill('#1f3a5f');
    await look(hr, '02-style');
    await hr.getByRole('button', { name: 'Save as new version' }).click();
    await hr.getByText(/version 2/i).first().waitFor();

    await hr.goto(`${product.url}/batches`);
    await hr.getByRole('radio', { name: /Collect selfies, then start a batch/ }).check();
    await hr.waitForTimeout(500);
    await look(hr, '03-batches-mode');
  });

  it('imports 20 employees from a CSV after a dry run and invites them all', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-journey-'));
    const csv = path.join(dir, 'team.csv');
    writeFileSync(csv, ['Email;First name;Last name;Job title;Department', ...PEOPLE.map((p) => `${p.email};${p.first};${p.last};${p.title};${p.department}`)].join('\n'));
    await hr.goto(`${product.url}/employees`);
    await hr.getByRole('button', { name: 'Import CSV' }).first().click();
    await hr.locator('#tf-import-file').setInputFiles(csv);
    await hr.getByText('No errors. Ready to import.').waitFor();
    expect(await hr.locator('.tf-counts').textContent()).toMatch(/Rows\s*20.*Will be added\s*20/s);
    await look(hr, '04-import-dry-run');
    await hr.getByRole('button', { name: 'Import', exact: true }).click();
    await hr.getByRole('dialog').waitFor({ state: 'detached' });
    await hr.getByRole('button', { name: 'Invite all not yet invited' }).click();
    await hr.getByRole('button', { name: 'Invite 20' }).click();
    for (const p of PEOPLE) await smtp.waitFor(p.email, /Journey Corp/, 60_000);
    await hr.reload();
    await look(hr, '05-employees-invited');
  }, 120_000);

  it('employees answer their links; an unusable photo is refused with its sentence, then replaced', async () => {
    const linkOf = (email: string) => smtp.messages.filter((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address === email).pop()!.text!.match(/https?:\/\/\S+\/u\/[A-Za-z0-9_-]{43}/)![0];
    // Three in a real browser: two on phones, one on a laptop.
    for (const [i, viewport] of [[0, { width: 390, height: 844 }], [1, { width: 412, height: 915 }], [2, { width: 1280, height: 800 }]] as const) {
      const ctx = await browser.newContext({ viewport, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
      const page = await ctx.newPage();
      await page.goto(linkOf(PEOPLE[i].email));
      await page.getByRole('heading', { name: `Hi ${PEOPLE[i].first}` }).waitFor();
      await page.getByRole('checkbox', { name: /I have read this and agree/ }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      const input = page.locator('input[type=file]:not([capture])');
      await page.getByRole('button', { name: /Choose a photo/ }).waitFor();
      if (i === 0) {
        await input.setInputFiles(path.join(TESTDATA, 'nonface/coffee.jpg'));
        await page.getByText(/could not find a face/i).first().waitFor({ timeout: 30_000 });
        await look(page, '06-upload-refused-phone');
      }
      await input.setInputFiles(path.join(TESTDATA, PHOTOS[i]));
      await page.getByText(/Looks good/).waitFor({ timeout: 30_000 });
      await look(page, `07-upload-accepted-${viewport.width}`);
      await ctx.close();
    }
    // The other seventeen the same way, through the same endpoints, without a browser each.
    for (let i = 3; i < PEOPLE.length; i++) {
      const token = linkOf(PEOPLE[i].email).split('/u/')[1];
      const c = new HttpClient(product.url);
      await c.get(`/api/invite/${token}`);
      await c.post(`/api/invite/${token}/consent`);
      expect((await uploadPhoto(product.url, token, PHOTOS[i % PHOTOS.length], 'me.jpg', c)).status).toBe(201);
    }
  }, 180_000);

  it('HR starts the batch and watches it complete', async () => {
    await hr.goto(`${product.url}/batches`);
    await hr.getByRole('button', { name: 'Start batch' }).click();
    await hr.getByText(/of 20/).first().waitFor();
    await look(hr, '08-batch-running');
    // "0 of 20 finished" already contains the word, so wait for the count itself (exact, case-sensitive).
    await hr.getByText('20 of 20', { exact: true }).first().waitFor({ timeout: 240_000 });
    await look(hr, '09-batch-finished');
  }, 300_000);

  it('HR rejects one with a reason and approves the rest', async () => {
    await hr.goto(`${product.url}/review`);
    const rejected = PEOPLE[5];
    const card = hr.getByRole('listitem').filter({ hasText: `${rejected.first} ${rejected.last}` });
    await card.getByRole('button', { name: 'Reject' }).click();
    await hr.getByLabel('Reason').fill('Please take it facing the camera, without sunglasses.');
    await hr.getByRole('button', { name: 'Reject and email' }).click();
    await smtp.waitFor(rejected.email, /./, 30_000);
    await hr.waitForTimeout(500);
    await look(hr, '10-review');
    await hr.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await hr.getByRole('button', { name: 'Approve selected' }).click();
    await hr.getByText(/No headshots|Nothing to review|nothing/i).first().waitFor({ timeout: 30_000 });
    const api = new HttpClient(product.url);
    await api.signIn(OWNER.email, OWNER.password);
    const approved = await api.get('/api/review?state=approved&pageSize=50');
    expect(approved.json.total).toBe(19);
    // Marketing gets a member account of its own.
    expect((await api.post('/api/members', { email: MARKETING.email, displayName: 'Mia', role: 'marketing', password: MARKETING.password })).status).toBe(201);
  }, 120_000);

  it('marketing exports the ZIP and its team page shows everyone approved', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(`${product.url}/sign-in`);
    await page.getByLabel('Work email').fill(MARKETING.email);
    await page.getByLabel('Password', { exact: true }).fill(MARKETING.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/exports/);
    await page.getByRole('button', { name: 'Create export' }).click();
    const download = page.getByRole('link', { name: /Download the export/ }).first();
    await download.waitFor({ timeout: 120_000 });
    await look(page, '11-exports');
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-zip-'));
    const zip = path.join(dir, 'export.zip');
    await file.saveAs(zip);
    execFileSync('unzip', ['-q', zip, '-d', dir]);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const people = Array.isArray(manifest) ? manifest : manifest.people;
    expect(people).toHaveLength(19);

    const team = await ctx.newPage();
    await team.goto(`file://${path.join(dir, 'index.html')}`);
    const text = await team.textContent('body');
    for (const p of PEOPLE) {
      if (p === PEOPLE[5]) expect(text).not.toContain(`${p.first} ${p.last}`);
      else expect(text).toContain(`${p.first} ${p.last}`);
    }
    // Load every image, lazy ones included, then count any that did not decode.
    const broken = await team.evaluate(async () => {
      const images = [...document.images];
      for (const i of images) i.loading = 'eager';
      await Promise.all(images.map((i) => i.decode().catch(() => undefined)));
      return { total: images.length, broken: images.filter((i) => i.naturalWidth === 0).length };
    });
    expect(broken).toEqual({ total: 19, broken: 0 });
    await screenshot(team, 'journey-12-team-page');
    await ctx.close();
  }, 180_000);

  it('every page passed the accessibility scan', () => {
    expect(Object.fromEntries(Object.entries(a11y).filter(([, v]) => v.length))).toEqual({});
  });
});
