import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../apps/api/test/support/http-client';
import { launchChromium, screenshot, seriousA11yViolations } from './support/browser';
import { type RunningProduct, startProduct } from './support/product';

const OWNER = { email: 'owner@organisation.test', password: 'organisation-e2e-passphrase' };
const HR = { email: 'hr@organisation.test', password: 'organisation-e2e-hr-passphrase' };
const MARKETING = { email: 'marketing@organisation.test', password: 'organisation-e2e-marketing-passphrase' };

/**
 * Settings › Organisation in a real Chromium against the running product: each section saves its own
 * area through the API (read back through the API, not the page), an HR admin sees retention but
 * cannot change it, the exports page points to the export setting while marketing's form follows it,
 * and the pages fit a desktop and a phone (screenshots in e2e/screenshots).
 */
describe('settings: the organisation page', () => {
  let product: RunningProduct;
  let browser: Browser;
  let api: HttpClient;

  async function signIn(page: Page, who: { email: string; password: string }) {
    await page.goto(`${product.url}/sign-in`);
    await page.getByLabel('Work email').fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  }

  async function openPage(width: number, who = OWNER): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signIn(page, who);
    await page.goto(`${product.url}/settings/organisation`);
    await page.getByRole('heading', { name: 'Organisation', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Retention' }).waitFor();
    await page.getByText(/^Selfies /).waitFor();
    return page;
  }

  /** The shell scrolls inside its content pane: the viewport grows to the pane first, so the shot shows it all. */
  async function fullShot(page: Page, name: string): Promise<{ overflow: number }> {
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const m = await page.evaluate(() => {
      const pane = document.querySelector('mat-sidenav-content')!;
      return { height: pane.scrollHeight + pane.getBoundingClientRect().top, overflow: Math.max(document.scrollingElement!.scrollWidth - window.innerWidth, pane.scrollWidth - pane.clientWidth) };
    });
    await page.setViewportSize({ width: page.viewportSize()!.width, height: Math.ceil(m.height) });
    await page.waitForTimeout(300);
    await screenshot(page, name);
    return { overflow: m.overflow };
  }

  beforeAll(async () => {
    product = await startProduct({ TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Organisation Corp' });
    api = new HttpClient(product.url);
    expect((await api.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    expect((await api.post('/api/members', { email: HR.email, displayName: 'Hana', role: 'hr_admin', password: HR.password })).status).toBe(201);
    expect((await api.post('/api/members', { email: MARKETING.email, displayName: 'Mia', role: 'marketing', password: MARKETING.password })).status).toBe(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('is in the settings navigation, and each section saves its own area', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, OWNER);
    await page.getByRole('link', { name: 'Organisation' }).click();
    await page.getByRole('heading', { name: 'Organisation', level: 1 }).waitFor();
    await page.locator('#general').getByText('Organisation Corp').waitFor();

    // General: the owner renames the organisation; the header follows without a reload.
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Organisation Group');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Organisation renamed: Organisation Group.').waitFor();
    expect((await api.get('/api/org/settings')).json.name).toBe('Organisation Group');
    expect((await api.get('/api/auth/session')).json.org.name).toBe('Organisation Group');
    await page.locator('.tf-org-name', { hasText: 'Organisation Group' }).waitFor();

    // General: the employee side's default language.
    await page.getByRole('combobox', { name: 'Default language' }).click();
    await page.getByRole('option', { name: /^Deutsch/ }).click();
    await page.getByRole('button', { name: 'Save language' }).click();
    await page.getByText('Default language saved: Deutsch.').waitFor();
    expect((await api.get('/api/org/settings')).json).toMatchObject({ defaultLanguage: 'de', processingMode: 'on_arrival' });

    // Invitations: automatic invites, only to one domain.
    await page.getByRole('switch', { name: 'Invite new employees automatically' }).click();
    await page.getByRole('textbox', { name: 'Add a domain' }).fill('Organisation.test');
    await page.getByRole('textbox', { name: 'Add a domain' }).press('Enter');
    await page.getByRole('button', { name: 'Save invitations' }).click();
    await page.getByText('New employees are invited automatically, only to organisation.test').first().waitFor();
    expect((await api.get('/api/invites/settings')).json).toEqual({ autoInvite: true, allowedDomains: ['organisation.test'] });

    // Refresh cycle: on, every 18 months.
    await page.getByRole('button', { name: 'Change the refresh cycle' }).click();
    await page.getByRole('switch', { name: 'Refresh headshots automatically' }).click();
    await page.getByLabel('Older than (months)').fill('18');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Headshots older than 18 months will be refreshed.').waitFor();
    expect((await api.get('/api/campaigns/settings')).json).toEqual({ refreshMonths: 18 });

    // Retention: selfies go after 30 days, exports last two days; a typo is caught before saving.
    await page.getByRole('button', { name: 'Change the retention' }).click();
    await page.getByLabel('Delete every selfie after (days)').fill('30');
    await page.getByLabel('Export downloads last (hours)').fill('0');
    expect(await page.getByRole('button', { name: 'Save retention' }).isDisabled()).toBe(true);
    await page.getByLabel('Export downloads last (hours)').fill('48');
    await page.getByRole('button', { name: 'Save retention' }).click();
    // The summary line is what the server answered to the save.
    await page.locator('#retention').getByText('Selfies deleted after approval or after 30 days · export downloads last 48 hours').waitFor();
    expect((await api.get('/api/org/retention')).json).toEqual({ deleteOriginalsAfterApproval: true, deleteOriginalsAfterDays: 30, deleteUnapprovedAfterDays: null, exportExpiryHours: 48 });

    // Exports: marketing may put work email addresses in its exports (off by default).
    await page.locator('#exports').getByText('Marketing’s exports leave out work email addresses').waitFor();
    await page.getByRole('button', { name: 'Change the export settings' }).click();
    await page.getByRole('switch', { name: 'Marketing may include work email addresses in its exports' }).click();
    await page.getByRole('button', { name: 'Save export settings' }).click();
    await page.getByText('Marketing may now include work email addresses in its exports.').waitFor();
    await page.locator('#exports').getByText('Marketing may include work email addresses', { exact: true }).waitFor();
    expect((await api.get('/api/exports/settings')).json).toEqual({ marketingSeesEmails: true });

    // The brand kit stays with the company style.
    await page.getByRole('link', { name: 'Open company style' }).click();
    await page.waitForURL((u) => u.pathname === '/style');
    await context.close();
  });

  it('shows retention to an HR admin without a way to change it', async () => {
    const page = await openPage(1280, HR);
    await page.getByText('Only an owner can change it.').waitFor();
    await page.getByText('Only an owner can rename the organisation.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Organisation name' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Change the retention' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Change the refresh cycle' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Change the export settings' }).count()).toBe(1);
    await page.context().close();
  });

  it('the exports page says what marketing may include and links to the setting; marketing’s form follows it', async () => {
    expect((await api.request('PUT', '/api/exports/settings', { marketingSeesEmails: false })).status).toBe(200);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const marketing = await context.newPage();
    await signIn(marketing, MARKETING);
    await marketing.goto(`${product.url}/exports`);
    await marketing.getByText('Work email addresses are left out: HR has not allowed them in marketing\'s exports.').waitFor();
    expect(await marketing.getByRole('switch', { name: 'Include work email in the manifest' }).count()).toBe(0);
    // Marketing cannot read the setting, so it gets no line about it.
    expect(await marketing.getByRole('link', { name: 'Settings › Organisation' }).count()).toBe(0);
    await context.close();

    const hr = await openPage(1280, HR);
    await hr.goto(`${product.url}/exports`);
    await hr.getByText('Marketing’s exports leave out work email addresses; change this in Settings › Organisation.').waitFor();
    // The setting is no longer switched here: the only switch left is HR's own export's e-mail column.
    expect(await hr.getByRole('switch', { name: /Marketing may include/ }).count()).toBe(0);
    await hr.getByRole('link', { name: 'Settings › Organisation' }).click();
    await hr.waitForURL((u) => u.pathname === '/settings/organisation');
    await hr.getByRole('button', { name: 'Change the export settings' }).click();
    await hr.getByRole('switch', { name: 'Marketing may include work email addresses in its exports' }).click();
    await hr.getByRole('button', { name: 'Save export settings' }).click();
    await hr.getByText('Marketing may now include work email addresses in its exports.').waitFor();
    expect((await api.get('/api/exports/settings')).json).toEqual({ marketingSeesEmails: true });
    await hr.goto(`${product.url}/exports`);
    await hr.getByText('Marketing may include work email addresses in its exports; change this in Settings › Organisation.').waitFor();
    await hr.context().close();

    const again = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const allowed = await again.newPage();
    await signIn(allowed, MARKETING);
    await allowed.goto(`${product.url}/exports`);
    await allowed.getByRole('switch', { name: 'Include work email in the manifest' }).waitFor();
    await again.close();
  });

  it.each([1280, 390])('fits %i px, with no serious accessibility violation', async (width) => {
    const page = await openPage(width);
    await page.getByRole('button', { name: 'Change the retention' }).click();
    await page.getByRole('button', { name: 'Change the export settings' }).click();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const { overflow } = await fullShot(page, `organisation-${width}`);
    expect(overflow).toBeLessThanOrEqual(0);
    // The exports page's line pointing here, as HR and owners see it.
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${product.url}/exports`);
    await page.getByRole('link', { name: 'Settings › Organisation' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await fullShot(page, `organisation-exports-page-${width}`)).overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
