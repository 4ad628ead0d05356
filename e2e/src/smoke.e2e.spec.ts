import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, seriousA11yViolations } from './support/browser';
import { type RunningProduct, startProduct } from './support/product';

const OWNER = { email: 'owner@smoke.test', password: 'smoke-test-passphrase' };

// The foundation's smoke journey: the product started as the README says (embedded PostgreSQL),
// the bootstrap owner signs in in a real Chromium and sees the dashboard.
describe('smoke: sign in and see the dashboard', () => {
  let product: RunningProduct;
  let browser: Browser;

  beforeAll(async () => {
    product = await startProduct({ TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Smoke Corp' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('signs in as the bootstrap owner and shows user, org and system status', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const offMachine: string[] = [];
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(product.url) && !u.startsWith('data:') && !u.startsWith('blob:')) offMachine.push(u);
    });
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && !/401/.test(m.text()) && consoleErrors.push(m.text()));

    await page.goto(product.url);
    await page.waitForURL(/\/sign-in/);
    await expect(page.getByRole('heading', { level: 1 }).first().textContent()).resolves.toMatch(/sign in/i);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'smoke-01-sign-in');

    await page.getByLabel('Work email').fill(OWNER.email);
    await page.getByLabel('Password', { exact: true }).fill('wrong password here');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Email or password is wrong.').waitFor();
    await screenshot(page, 'smoke-02-sign-in-failed');

    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await page.getByText('Smoke Corp').first().waitFor();
    await page.getByText(/database/i).first().waitFor();
    // One process does everything here, so one worker takes the headshot jobs.
    await page.getByText('All systems are working.').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Workers (headshots)' }).getByText('1 connected').waitFor();
    const body = await page.textContent('body');
    expect(body).toContain('owner');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'smoke-03-dashboard');

    expect(offMachine).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
