import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../apps/api/test/support/http-client';
import { TestSmtp } from '../../apps/api/test/support/smtp';
import { launchChromium, screenshot, seriousA11yViolations } from './support/browser';
import { CampaignDashboard, NewCampaignDialog, readCounts } from './support/campaign-pages';
import { REPO_ROOT, type RunningProduct, startProduct } from './support/product';

const TESTDATA = process.env.TEAMFRAME_TESTDATA ?? path.resolve(REPO_ROOT, '../shared/testdata');
const HR = { email: 'hr@campaign.test', password: 'campaign owner passphrase' };
const PEOPLE = [
  { email: 'sam@campaign.test', firstName: 'Sam', lastName: 'Seller', department: 'Sales' },
  { email: 'sia@campaign.test', firstName: 'Sia', lastName: 'Closer', department: 'Sales' },
  { email: 'pat@campaign.test', firstName: 'Pat', lastName: 'Builder', department: 'Product' },
  { email: 'quin@campaign.test', firstName: 'Quin', lastName: 'Maker', department: 'Product' },
];
const [UPLOADER, MISSING] = PEOPLE;
const LINK = /https?:\/\/\S+\/u\/([A-Za-z0-9_-]{43})/;

/**
 * HR runs a campaign for one department from start to summary: the dialog counts the audience live,
 * only that department is emailed, one person answers from a phone and is approved, the other is
 * chased with a resend and a fresh link, and ending the campaign freezes the numbers as its summary.
 */
describe('a campaign for one department', () => {
  let product: RunningProduct;
  let browser: Browser;
  let smtp: TestSmtp;
  let hrContext: BrowserContext;
  let hr: Page;
  let api: HttpClient;
  let dashboardUrl = '';
  const a11y: Record<string, unknown[]> = {};

  async function look(page: Page, name: string) {
    await page.waitForLoadState('networkidle');
    a11y[name] = await seriousA11yViolations(page);
    return screenshot(page, `campaign-${name}`);
  }

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    product = await startProduct({ SMTP_URL: smtp.url, TEAMFRAME_ADMIN_EMAIL: HR.email, TEAMFRAME_ADMIN_PASSWORD: HR.password, TEAMFRAME_ORG_NAME: 'Campaign Co' });
    browser = await launchChromium();
    // UTC in the browser too, so "due in 7 days" means the same day to the page and to this test.
    hrContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC', acceptDownloads: true });
    await hrContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: product.url });
    hr = await hrContext.newPage();
    api = new HttpClient(product.url);
    expect((await api.signIn(HR.email, HR.password)).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await smtp?.stop();
  });

  it('HR signs in and adds four employees, two of them in Sales', async () => {
    await hr.goto(`${product.url}/sign-in`);
    await hr.getByLabel('Work email').fill(HR.email);
    await hr.getByLabel('Password', { exact: true }).fill(HR.password);
    await hr.getByRole('button', { name: 'Sign in', exact: true }).click();
    await hr.getByText('Campaign Co').first().waitFor();
    for (const p of PEOPLE) expect((await api.post('/api/employees', { ...p, title: 'Staff' })).status).toBe(201);

    await hr.getByRole('link', { name: 'Campaigns' }).click();
    await hr.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
    await hr.getByText('No campaigns yet').waitFor();
    await look(hr, '01-list-empty');
  });

  it('the employees list keeps its filter and search in the address: a reload shows the same list, Back leaves the page', async () => {
    await hr.goto(`${product.url}/employees`);
    const rows = hr.getByRole('row').filter({ has: hr.getByRole('cell') });
    await rows.filter({ hasText: 'Quin' }).waitFor();
    await hr.getByRole('combobox', { name: 'Department' }).click();
    await hr.getByRole('option', { name: 'Sales' }).click();
    await hr.getByRole('searchbox', { name: 'Search name or email' }).fill('sia');
    await hr.waitForURL((u) => u.searchParams.get('department') === 'Sales' && u.searchParams.get('q') === 'sia');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Sia')]);
    await hr.reload();
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Sia')]);
    expect(await hr.getByRole('searchbox', { name: 'Search name or email' }).inputValue()).toBe('sia');
    expect(await hr.getByRole('combobox', { name: 'Department' }).textContent()).toContain('Sales');
    // Filters replace the address instead of stacking up history: Back goes to the page before the list.
    await hr.goBack();
    await hr.waitForURL((u) => u.pathname !== '/employees');
  });

  it('starts a campaign for Sales due in 7 days through the dialog, and only Sales is emailed', async () => {
    const dialog = new NewCampaignDialog(hr);
    await dialog.open();
    await dialog.dialog.getByText('This campaign will invite 4 people.').waitFor();
    const due = new Date(Date.now() + 7 * 86_400_000);
    await dialog.fill('Sales headshots', due);
    await dialog.department('Sales');
    await dialog.dialog.getByText('This campaign will invite 2 people.').waitFor();
    await look(hr, '02-new-campaign-dialog');
    await dialog.start();

    await hr.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    dashboardUrl = hr.url();
    await hr.getByRole('heading', { name: 'Sales headshots', level: 1 }).waitFor();
    await hr.getByText('Due in 7 days').waitFor();
    expect(await readCounts(new CampaignDashboard(hr).progress())).toMatchObject({ Invited: 2, Uploaded: 0, Approved: 0, Missing: 2 });

    for (const p of [UPLOADER, MISSING]) expect((await smtp.waitFor(p.email, /./, 60_000)).text).toMatch(LINK);
    // Mail goes out in one queue, so by now anything meant for Product would have arrived as well.
    await hr.waitForTimeout(1000);
    expect(PEOPLE.filter((p) => p.department === 'Product').map((p) => smtp.count(p.email))).toEqual([0, 0]);
  }, 120_000);

  it('one Sales employee sends a good selfie from a phone', async () => {
    const link = (await smtp.waitFor(UPLOADER.email)).text!.match(LINK)![0];
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: `Hi ${UPLOADER.firstName}` }).waitFor();
    await page.getByRole('checkbox', { name: /I have read this and agree/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: /Choose a photo/ }).waitFor();
    await page.locator('input[type=file]:not([capture])').setInputFiles(path.join(TESTDATA, 'portraits/obama-official.jpg'));
    await page.getByText(/Looks good/).waitFor({ timeout: 30_000 });
    await phone.close();
  }, 60_000);

  it('HR approves the headshot and the dashboard shows uploaded 1, approved 1, missing 1', async () => {
    // Selfies are processed as they arrive: wait for the headshot to reach review, then approve it there.
    await hr.goto(`${product.url}/review`);
    const card = hr.getByRole('listitem').filter({ hasText: `${UPLOADER.firstName} ${UPLOADER.lastName}` });
    await expect.poll(async () => {
      await hr.reload();
      await hr.getByRole('heading', { name: 'Review', level: 1 }).waitFor();
      return card.getByRole('button', { name: 'Approve', exact: true }).isVisible();
    }, { timeout: 120_000, interval: 3000 }).toBe(true);
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(async () => (await api.get('/api/review?state=approved')).json.total, { timeout: 20_000 }).toBe(1);

    await hr.goto(dashboardUrl);
    const dashboard = new CampaignDashboard(hr);
    await dashboard.progress().waitFor();
    expect(await readCounts(dashboard.progress())).toMatchObject({ Invited: 2, Uploaded: 1, Approved: 1, Missing: 1 });
    await hr.getByText('1 of 2 approved (50%)').waitFor();

    const [csv] = await Promise.all([hr.waitForEvent('download'), hr.getByRole('link', { name: 'Download status CSV' }).click()]);
    const rows = readFileSync((await csv.path())!, 'utf8').trim().split(/\r?\n/);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.includes(UPLOADER.email))).toMatch(/approved/);
    expect(rows.find((r) => r.includes(MISSING.email))).toMatch(/invited/);

    await dashboard.filter('Missing');
    await expect.poll(() => dashboard.rows().count()).toBe(1);
    await dashboard.rows().first().getByText(MISSING.email).waitFor();
    await dashboard.filter('All');
    await expect.poll(() => dashboard.rows().count()).toBe(2);

    await look(hr, '03-dashboard-desktop');
  }, 180_000);

  it('HR resends to the missing person and copies a fresh link; the old link stops working', async () => {
    const before = smtp.count(MISSING.email);
    const oldToken = (await smtp.waitFor(MISSING.email)).text!.match(LINK)![1];
    await hr.getByRole('button', { name: `Resend invite to ${MISSING.firstName} ${MISSING.lastName}` }).click();
    await hr.getByText(`Reminder sent to ${MISSING.firstName} ${MISSING.lastName}.`).waitFor();
    await expect.poll(() => smtp.count(MISSING.email), { timeout: 30_000 }).toBe(before + 1);
    // A reminder carries the same personal link as the invite; only "Copy link" replaces it.
    expect((await smtp.waitFor(MISSING.email)).text!.match(LINK)![1]).toBe(oldToken);

    await hr.getByRole('button', { name: `Copy link for ${MISSING.firstName} ${MISSING.lastName}` }).click();
    await hr.getByText(/copied.*no longer works/).waitFor();
    const copied: string = await hr.evaluate(() => navigator.clipboard.readText());
    const newToken = copied.match(LINK)![1];
    expect(newToken).not.toBe(oldToken);
    const visitor = new HttpClient(product.url);
    expect((await visitor.get(`/api/invite/${newToken}`)).status).toBe(200);
    expect((await visitor.get(`/api/invite/${oldToken}`)).status).not.toBe(200);
  }, 60_000);

  it('the dashboard, the list and the dialog read well on a phone', async () => {
    await hr.setViewportSize({ width: 390, height: 844 });
    await hr.reload();
    await new CampaignDashboard(hr).progress().waitFor();
    const noSideScroll = () => hr.evaluate(() => document.documentElement.scrollWidth <= 390);
    expect(await noSideScroll()).toBe(true);
    await look(hr, '04-dashboard-phone');
    await new CampaignDashboard(hr).members().scrollIntoViewIfNeeded();
    await hr.getByRole('button', { name: `Copy link for ${MISSING.firstName} ${MISSING.lastName}` }).waitFor();
    await screenshot(hr, 'campaign-05-members-phone');

    await hr.getByRole('link', { name: 'All campaigns' }).click();
    await hr.getByRole('heading', { name: 'Active (1)' }).waitFor();
    expect(await noSideScroll()).toBe(true);
    await look(hr, '06-list-phone');
    const dialog = new NewCampaignDialog(hr);
    await dialog.open();
    await dialog.dialog.getByText('This campaign will invite 4 people.').waitFor();
    await look(hr, '07-dialog-phone');
    await dialog.dialog.getByRole('button', { name: 'Cancel' }).click();
    await hr.goto(dashboardUrl);
    await hr.setViewportSize({ width: 1280, height: 800 });
  });

  it('HR ends the campaign and the summary shows invited 2, uploaded 1, approved 1, missing 1', async () => {
    await hr.getByRole('button', { name: 'End campaign' }).click();
    await hr.getByRole('dialog').getByRole('button', { name: 'End campaign' }).click();
    const dashboard = new CampaignDashboard(hr);
    await dashboard.summary().waitFor();
    expect(await readCounts(dashboard.summary())).toEqual({ Invited: 2, Uploaded: 1, Approved: 1, Missing: 1 });
    expect(await hr.getByRole('button', { name: 'Remind everyone missing' }).count()).toBe(0);
    expect(await hr.getByRole('button', { name: /^Resend invite to/ }).count()).toBe(0);
    await look(hr, '08-summary');

    await hr.getByRole('link', { name: 'All campaigns' }).click();
    await hr.getByRole('heading', { name: 'Ended (1)' }).waitFor();
    await look(hr, '09-list-ended');
  });

  it('every campaign page passed the accessibility scan', () => {
    expect(Object.fromEntries(Object.entries(a11y).filter(([, v]) => v.length))).toEqual({});
  });
});
