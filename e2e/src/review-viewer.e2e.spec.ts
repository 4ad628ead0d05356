import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personWithSelfie, type ReviewablePerson } from '../../apps/api/test/support/headshot-flow';
import { HttpClient } from '../../apps/api/test/support/http-client';
import { TestSmtp } from '../../apps/api/test/support/smtp';
import { launchChromium, screenshot, seriousA11yViolations } from './support/browser';
import { type RunningProduct, startProduct } from './support/product';

const OWNER = { email: 'hr@viewer.test', password: 'viewer owner passphrase' };

/**
 * HR inspects headshots at full size before deciding: the viewer opens from a card, shows selfie and
 * headshot side by side, zooms to 100 % with both panes panning together, moves between people by
 * keyboard, regenerates with a live preview and approves the earlier result; on a phone it fits.
 */
describe('the full-size review viewer', () => {
  let product: RunningProduct;
  let browser: Browser;
  let smtp: TestSmtp;
  let api: HttpClient;
  let ana: ReviewablePerson;
  let bo: ReviewablePerson;

  async function signIn(page: Page) {
    await page.goto(`${product.url}/sign-in`);
    await page.getByLabel('Work email').fill(OWNER.email);
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  }

  async function inReview(employeeId: string): Promise<string> {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const item = (await api.get('/api/review?pageSize=200')).json.items.find((i: { employeeId: string }) => i.employeeId === employeeId);
      if (item) return item.headshotId;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`no headshot of ${employeeId} in review`);
  }

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    product = await startProduct({ SMTP_URL: smtp.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Viewer Co' });
    api = new HttpClient(product.url);
    expect((await api.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    ana = await personWithSelfie(api, smtp, product.url, { email: 'ana@viewer.test', firstName: 'Ana', lastName: 'Alvarez', photo: 'portraits/obama-official.jpg' });
    bo = await personWithSelfie(api, smtp, product.url, { email: 'bo@viewer.test', firstName: 'Bo', lastName: 'Berg', photo: 'portraits/p09_max_luciano.png' });
    await inReview(ana.employeeId);
    await inReview(bo.employeeId);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await smtp?.stop();
  });

  it('opens full size, zooms to 100 % with synced panning, and moves between people by keyboard', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const hr = await ctx.newPage();
    await signIn(hr);
    await hr.goto(`${product.url}/review`);
    // The card's selfie is shown whole (contained), not centre-cropped to a square.
    const thumb = hr.getByRole('img', { name: 'Selfie of Ana Alvarez' });
    await thumb.waitFor();
    expect(await thumb.evaluate((img) => getComputedStyle(img).objectFit)).toBe('contain');

    await hr.getByRole('button', { name: 'View Ana Alvarez full size' }).click();
    const viewer = hr.getByRole('dialog', { name: 'Full-size review of Ana Alvarez' });
    await viewer.getByRole('heading', { name: 'Ana Alvarez' }).waitFor();
    const selfie = viewer.getByRole('img', { name: 'Selfie of Ana Alvarez' });
    const headshot = viewer.getByRole('img', { name: 'Headshot of Ana Alvarez' });
    await selfie.waitFor();
    await headshot.waitFor();
    await hr.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.tf-viewer-pane img')].every((i) => i.complete && i.naturalWidth > 0));
    // The largest stored rendition, not the 800 px web one: the print, made at most 1.5× the 910 px selfie.
    const natural = await headshot.evaluate((img: HTMLImageElement) => img.naturalWidth);
    expect(natural).toBeGreaterThan(1000);
    const fitted = await headshot.boundingBox();
    expect(fitted!.width).toBeGreaterThan(400);
    expect(await seriousA11yViolations(hr)).toEqual([]);
    await screenshot(hr, 'viewer-01-fit-1280');

    await viewer.getByRole('radio', { name: '100 %' }).click();
    await hr.waitForTimeout(300);
    // At 100 % one image pixel is one CSS pixel: the headshot is as wide on screen as it has pixels.
    expect(Math.round((await headshot.boundingBox())!.width)).toBe(natural);
    const panes = viewer.locator('.tf-viewer-pane');
    await panes.nth(1).evaluate((p) => p.scrollTo({ left: 0, top: 0 }));
    await hr.waitForTimeout(200);
    await panes.nth(0).evaluate((p) => p.scrollTo({ left: p.scrollWidth - p.clientWidth, top: p.scrollHeight - p.clientHeight }));
    await hr.waitForTimeout(300);
    // Scrolling the selfie to its bottom-right corner took the headshot to its own bottom-right corner.
    const after = await panes.nth(1).evaluate((p) => ({ x: p.scrollLeft / (p.scrollWidth - p.clientWidth), y: p.scrollTop / (p.scrollHeight - p.clientHeight) }));
    expect(after.x).toBeGreaterThan(0.98);
    expect(after.y).toBeGreaterThan(0.98);
    await screenshot(hr, 'viewer-02-actual-1280');
    await hr.keyboard.press('z');
    await hr.waitForTimeout(200);
    expect((await headshot.boundingBox())!.width).toBeLessThan(1000);

    await hr.keyboard.press('ArrowRight');
    await viewer.getByRole('heading', { name: 'Bo Berg' }).waitFor();
    await viewer.getByText('2 of 2', { exact: true }).waitFor();
    await hr.keyboard.press('ArrowLeft');
    await viewer.getByRole('heading', { name: 'Ana Alvarez' }).waitFor();
    await ctx.close();
  }, 120_000);

  it('regenerates with a live preview from inside the viewer, then approves the earlier result', async () => {
    const first = await inReview(ana.employeeId);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const hr = await ctx.newPage();
    await signIn(hr);
    await hr.goto(`${product.url}/review`);
    await hr.getByRole('button', { name: 'View Ana Alvarez full size' }).click();
    const viewer = hr.getByRole('dialog', { name: 'Full-size review of Ana Alvarez' });
    await viewer.getByRole('img', { name: 'Headshot of Ana Alvarez' }).waitFor();
    // Keys reach the viewer once it has taken focus from the card that opened it.
    await expect.poll(() => viewer.evaluate((v) => v.contains(document.activeElement))).toBe(true);

    await hr.keyboard.press('g');
    const regen = hr.getByRole('dialog', { name: /Regenerate Ana Alvarez/ });
    await regen.waitFor();
    const zoom = regen.getByRole('slider', { name: 'Zoom' });
    // The dialog moves focus to its Regenerate button once it has opened; focus the slider after that.
    const submit = regen.getByRole('button', { name: 'Regenerate', exact: true });
    await expect.poll(() => submit.evaluate((b) => b === document.activeElement)).toBe(true);
    await zoom.focus();
    // Each press moves the slider one step (2 %); the next press waits until the dialog shows it.
    for (let i = 1; i <= 5; i++) {
      await hr.keyboard.press('ArrowRight');
      await expect.poll(() => zoom.getAttribute('aria-valuetext')).toBe(`${2 * i} % closer`);
    }
    // Human words, not "0.1".
    expect(await zoom.getAttribute('aria-valuetext')).toBe('10 % closer');
    await regen.getByText('10 % closer').waitFor();
    const preview = regen.getByRole('img', { name: 'Preview of the new result for Ana Alvarez' });
    await preview.waitFor({ timeout: 60_000 });
    expect(await preview.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    expect(await seriousA11yViolations(hr)).toEqual([]);
    await screenshot(hr, 'viewer-03-regenerate-preview-1280');
    await regen.getByRole('button', { name: 'Regenerate', exact: true }).click();

    // The viewer stays on Ana and shows the new result once it is rendered.
    const results = viewer.getByRole('radiogroup', { name: 'Results of this selfie' });
    await results.getByRole('radio', { name: /^Result 2/ }).waitFor({ timeout: 30_000 });
    await screenshot(hr, 'viewer-04a-rendering-1280');
    await results.getByRole('radio', { name: 'Result 2', exact: true }).waitFor({ timeout: 90_000 });
    await viewer.getByRole('img', { name: 'Headshot of Ana Alvarez, result 2' }).waitFor();
    await screenshot(hr, 'viewer-04-results-1280');
    await results.getByRole('radio', { name: 'Result 1', exact: true }).click();
    await viewer.getByRole('img', { name: 'Headshot of Ana Alvarez, result 1' }).waitFor();
    await viewer.getByRole('button', { name: 'Approve result 1' }).click();
    // Ana is decided: the viewer moves on to the next person waiting.
    await viewer.getByRole('heading', { name: 'Bo Berg' }).waitFor();

    const states = (await api.get(`/api/headshots/${first}/results`)).json.map((r: { result: number; state: string }) => [r.result, r.state]);
    expect(states).toEqual([
      [1, 'approved'],
      [2, 'superseded'],
    ]);
    await ctx.close();
  }, 180_000);

  it('fits a phone: pictures stacked, actions reachable, nothing overflows sideways', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const phone = await ctx.newPage();
    await signIn(phone);
    await phone.goto(`${product.url}/review`);
    expect(await phone.getByText('On a card:').isVisible()).toBe(false);
    await phone.getByRole('button', { name: 'View Bo Berg full size' }).click();
    const viewer = phone.getByRole('dialog', { name: 'Full-size review of Bo Berg' });
    const selfie = viewer.getByRole('img', { name: 'Selfie of Bo Berg' });
    const headshot = viewer.getByRole('img', { name: 'Headshot of Bo Berg' });
    await headshot.waitFor();
    await phone.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.tf-viewer-pane img')].every((i) => i.complete && i.naturalWidth > 0));
    const [s, h] = [await selfie.boundingBox(), await headshot.boundingBox()];
    expect(s!.y + s!.height).toBeLessThanOrEqual(h!.y);
    const approve = viewer.getByRole('button', { name: 'Approve' });
    const box = (await approve.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await screenshot(phone, 'viewer-05-phone-390');
    await approve.click();
    await viewer.waitFor({ state: 'detached' });
    expect((await api.get('/api/review?state=approved')).json.total).toBe(2);
    await ctx.close();
  }, 120_000);
});
