import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personWithSelfie } from '../../apps/api/test/support/headshot-flow';
import { HttpClient } from '../../apps/api/test/support/http-client';
import { TestSmtp } from '../../apps/api/test/support/smtp';
import { launchChromium, screenshot, seriousA11yViolations } from './support/browser';
import { type RunningProduct, startProduct } from './support/product';

const OWNER = { email: 'owner@pages.test', password: 'pages-test-passphrase' };
const WIDTHS = [1280, 390] as const;

/**
 * Every admin page at desktop and phone width, with real data in it (a headshot in review and one
 * approved, both with a CMYK print rendition; a campaign; people and a member with long addresses):
 * a full-page screenshot each (e2e/screenshots/pages-*, looked at by a person), no sideways overflow,
 * and no serious axe violations. Also checks that a print rendition is shown through an sRGB preview
 * and leaves the export as a CMYK TIFF that the manifest marks for print.
 */
describe('every admin page at 1280 and 390 px', () => {
  let product: RunningProduct;
  let browser: Browser;
  let smtp: TestSmtp;
  let api: HttpClient;
  let campaignId: string;
  let approvedId: string;
  const overflow: Record<string, number> = {};
  const a11y: Record<string, unknown[]> = {};
  const broken: Record<string, string[]> = {};
  const innerScroll: Record<string, string[]> = {};
  const squeezed: Record<string, string[]> = {};

  /** Waits until every one of `employeeIds` has a headshot in review. */
  async function waitForReview(employeeIds: string[]) {
    const deadline = Date.now() + 180_000;
    for (;;) {
      const items = (await api.get('/api/review')).json.items as { employeeId: string; state: string }[];
      if (employeeIds.every((id) => items.some((i) => i.employeeId === id && i.state === 'in_review'))) return;
      if (Date.now() > deadline) throw new Error(`no headshots in review: ${JSON.stringify(items)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  async function signIn(page: Page) {
    await page.goto(`${product.url}/sign-in`);
    await page.getByLabel('Work email').fill(OWNER.email);
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  }

  /**
   * Screenshot (the whole content: the shell scrolls inside mat-sidenav-content, so the viewport is made as
   * tall as that content first), sideways overflow of the document and of the content pane, pictures that
   * failed to load, and axe.
   */
  async function look(page: Page, name: string) {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(400);
    const m = await page.evaluate(() => {
      const pane = document.querySelector('mat-sidenav-content');
      return {
        scroll: document.scrollingElement!.scrollWidth,
        inner: window.innerWidth,
        paneScroll: pane?.scrollWidth ?? 0,
        paneWidth: pane?.clientWidth ?? 0,
        paneHeight: pane ? pane.scrollHeight + pane.getBoundingClientRect().top : 0,
        // Tables and strips that scroll sideways inside the page: on a phone a person has to find that.
        sideways: [...document.querySelectorAll<HTMLElement>('main *')]
          .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${el.scrollWidth}>${el.clientWidth}`),
        // Fields a grid squeezed to nothing (they overflow nothing, so the checks above miss them).
        squeezed: [...document.querySelectorAll<HTMLElement>('main mat-form-field')]
          .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().width < 64)
          .map((el) => `${el.querySelector('mat-label')?.textContent?.trim() ?? el.className} ${Math.round(el.getBoundingClientRect().width)}px`),
      };
    });
    if (m.scroll > m.inner) overflow[name] = m.scroll;
    if (m.paneScroll > m.paneWidth) overflow[`${name} (content pane)`] = m.paneScroll;
    if (m.sideways.length) innerScroll[name] = m.sideways;
    if (m.squeezed.length) squeezed[name] = m.squeezed;
    const bad = await page.evaluate(() => [...document.images].filter((i) => i.complete && i.currentSrc && i.naturalWidth === 0).map((i) => i.currentSrc));
    if (bad.length) broken[name] = bad;
    const v = await seriousA11yViolations(page);
    if (v.length) a11y[name] = v;
    const viewport = page.viewportSize()!;
    if (m.paneHeight > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.min(m.paneHeight, 8000) });
    await screenshot(page, `pages-${name}`);
    await page.setViewportSize(viewport);
  }

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    product = await startProduct({ SMTP_URL: smtp.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Pages & Partners' });
    api = new HttpClient(product.url);
    expect((await api.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    // A style whose print size is a CMYK TIFF.
    const style = await api.post('/api/styles', {
      document: {
        name: 'Print-ready grey',
        renditions: [
          { name: 'web', size: 800, format: 'jpeg', quality: 85, dpi: 72 },
          { name: 'linkedin', width: 400, height: 400, format: 'jpeg', quality: 90, dpi: 72 },
          { name: 'print', size: 1600, format: 'tiff', colourSpace: 'cmyk', dpi: 300 },
        ],
      },
    });
    expect(style.status, style.text).toBe(201);
    const ana = await personWithSelfie(api, smtp, product.url, { email: 'ana.maria.fernandez-de-la-cruz@subsidiary.pages.test', firstName: 'Ana María', lastName: 'Fernández de la Cruz', department: 'Sales', photo: 'portraits/obama-official.jpg' });
    const bo = await personWithSelfie(api, smtp, product.url, { email: 'bo@pages.test', firstName: 'Bo', lastName: 'Berg', department: 'Design', photo: 'portraits/biden-official.jpg' });
    for (const [first, last] of [['Cy', 'Cole'], ['Dee', 'Dunn'], ['Eli', 'Evans-Whitaker']]) {
      await api.post('/api/employees', { email: `${first.toLowerCase()}.${last.toLowerCase()}@a-rather-long-company-domain.pages.test`, firstName: first, lastName: last, department: 'Operations' });
    }
    await api.post('/api/members', { email: 'marketing.communications.team@a-rather-long-company-domain.pages.test', displayName: 'Marketing Communications', role: 'marketing', password: 'marketing-passphrase-1' });
    const campaign = await api.post('/api/campaigns', { name: 'Spring headshots 2027', dueOn: '2027-03-31', audience: { kind: 'everyone' } });
    campaignId = campaign.json?.id ?? campaign.json?.campaign?.id;
    await waitForReview([ana.employeeId, bo.employeeId]);
    const items = (await api.get('/api/review')).json.items as { headshotId: string; employeeId: string }[];
    approvedId = items.find((i) => i.employeeId === bo.employeeId)!.headshotId;
    expect((await api.post(`/api/headshots/${approvedId}/approve`)).status).toBe(200);
    browser = await launchChromium();
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await smtp?.stop();
  });

  it('shows a print rendition through an sRGB JPEG preview, and exports it as a CMYK TIFF marked for print', async () => {
    const signed = await api.get(`/api/headshots/${approvedId}/image-url?rendition=print`);
    const res = await fetch(`${product.url}${signed.json.url}`);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const preview = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([preview.format, preview.space]).toEqual(['jpeg', 'srgb']);

    const exp = await api.post('/api/exports', { scope: 'all', renditions: ['web', 'print'], includeEmail: false });
    expect(exp.status, exp.text).toBe(201);
    const deadline = Date.now() + 60_000;
    let dto = exp.json;
    while (dto.state !== 'done' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      dto = (await api.get(`/api/exports/${dto.id}`)).json;
    }
    expect(dto.state).toBe('done');
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-pages-'));
    try {
      const zip = path.join(dir, 'x.zip');
      const download = await fetch(`${product.url}${dto.downloadUrl}`, { headers: { cookie: [...api.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
      expect(download.status).toBe(200);
      writeFileSync(zip, Buffer.from(await download.arrayBuffer()));
      const manifest = JSON.parse(execFileSync('unzip', ['-p', zip, 'manifest.json']).toString());
      expect(manifest.folders.find((f: { rendition: string }) => f.rendition === 'print')).toMatchObject({ format: 'tiff', colourSpace: 'cmyk', dpi: 300, forPrint: true });
      const [file] = manifest.people[0].printFiles as string[];
      expect(file).toMatch(/^print\/bo-berg-print\.tif$/);
      const tiff = await sharp(execFileSync('unzip', ['-p', zip, file], { maxBuffer: 100 * 1024 * 1024 })).metadata();
      expect([tiff.format, tiff.space, tiff.channels, tiff.density]).toEqual(['tiff', 'cmyk', 4, 300]);
      expect(execFileSync('unzip', ['-p', zip, 'index.html']).toString()).toContain('<span class="print">For print</span>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the campaign dialog’s promise: the invite names the campaign', async () => {
    const mail = await smtp.waitFor('cy.cole@a-rather-long-company-domain.pages.test', /./, 60_000);
    expect(`${mail.text ?? ''}`).toContain('Spring headshots 2027');
  });

  for (const width of WIDTHS) {
    it(`at ${width} px: no page scrolls sideways, every picture loads, axe finds nothing serious`, async () => {
      const context = await browser.newContext({ viewport: { width, height: width > 500 ? 800 : 844 }, isMobile: width < 500, hasTouch: width < 500 });
      const page = await context.newPage();
      await page.goto(`${product.url}/sign-in`);
      await look(page, `${width}-sign-in`);
      await signIn(page);
      const pages: [string, string][] = [
        ['dashboard', '/'],
        ['employees', '/employees'],
        ['campaigns', '/campaigns'],
        ['campaign', `/campaigns/${campaignId}`],
        ['style', '/style'],
        ['batches', '/batches'],
        ['review', '/review'],
        ['exports', '/exports'],
        ['organisation', '/settings/organisation'],
        ['members', '/settings/members'],
        ['custom-fields', '/settings/custom-fields'],
        ['audit', '/settings/audit'],
        ['notifications', '/settings/notifications'],
        ['api-tokens', '/settings/api-tokens'],
        ['provisioning', '/settings/provisioning'],
        ['webhooks', '/settings/webhooks'],
        ['directory-photos', '/settings/directory-photos'],
        ['sso', '/settings/sso'],
        ['not-found', '/no-such-page'],
      ];
      for (const [name, url] of pages) {
        await page.goto(`${product.url}${url}`);
        await page.locator('h1').first().waitFor();
        await look(page, `${width}-${name}`);
      }
      // The full-size viewer over the review page.
      await page.goto(`${product.url}/review`);
      await page.getByRole('button', { name: /full size$/ }).first().click();
      await page.getByRole('dialog').waitFor();
      await look(page, `${width}-review-viewer`);
      await context.close();
      console.log(JSON.stringify({ width, overflow, innerScroll, squeezed, broken, a11y }, null, 1));
      expect(overflow).toEqual({});
      expect(innerScroll).toEqual({});
      expect(squeezed).toEqual({});
      expect(broken).toEqual({});
      expect(a11y).toEqual({});
    }, 400_000);
  }
});
