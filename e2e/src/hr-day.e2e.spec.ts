import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personWithSelfie } from '../../apps/api/test/support/headshot-flow';
import { HttpClient } from '../../apps/api/test/support/http-client';
import { uploadPhoto } from '../../apps/api/test/support/invite-link';
import { TestSmtp } from '../../apps/api/test/support/smtp';
import { launchChromium, screenshot, seriousA11yViolations } from './support/browser';
import { type RunningProduct, startProduct } from './support/product';

const OWNER = { email: 'hr@day.test', password: 'hr day owner passphrase' };
const tokenOf = (text: string) => text.match(/\/u\/([A-Za-z0-9_-]{43})/)![1];

/**
 * An HR admin's day, in an en-GB browser: the dashboard says what waits (and follows changes live),
 * a refused selfie is visible with its reason, the Batches page counts what waits, a campaign keeps
 * the live link someone already has and takes 21/12/2026 as the 21st, and erasing names what goes.
 * Every page is looked at, at 1280 px and on a 390 px phone: no sideways scrolling, axe clean.
 */
describe('an HR admin’s day', () => {
  let product: RunningProduct;
  let browser: Browser;
  let smtp: TestSmtp;
  let api: HttpClient;
  let desk: BrowserContext;
  let hr: Page;
  let boId: string;
  const a11y: Record<string, unknown[]> = {};
  const overflow: Record<string, number> = {};
  const mailsTo = (address: string) => smtp.messages.filter((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address === address);

  async function signIn(page: Page) {
    await page.goto(`${product.url}/sign-in`);
    await page.getByLabel('Work email').fill(OWNER.email);
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  }

  /** Screenshot, axe scan and sideways-overflow check of what is on screen. */
  async function look(page: Page, name: string) {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.waitForTimeout(300);
    a11y[name] = await seriousA11yViolations(page);
    const width = page.viewportSize()!.width;
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scroll > width) overflow[name] = scroll;
    await screenshot(page, `hr-day-${name}`);
  }

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    product = await startProduct({ SMTP_URL: smtp.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Day Co' });
    api = new HttpClient(product.url);
    expect((await api.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    // Ana's headshot waits for review; Bo is invited and his group photo was refused; Cy is not invited yet.
    await personWithSelfie(api, smtp, product.url, { email: 'ana@day.test', firstName: 'Ana', lastName: 'Alvarez', department: 'Sales', photo: 'portraits/obama-official.jpg' });
    const bo = await api.post('/api/employees', { email: 'bo.berg-with-a-long-address@day.test', firstName: 'Bo', lastName: 'Berg', department: 'Sales' });
    boId = bo.json.id;
    await api.post('/api/invites', { employeeIds: [boId] });
    const boToken = tokenOf((await smtp.waitFor('bo.berg-with-a-long-address@day.test')).text!);
    const boClient = new HttpClient(product.url);
    await boClient.get(`/api/invite/${boToken}`);
    await boClient.post(`/api/invite/${boToken}/consent`);
    expect((await uploadPhoto(product.url, boToken, 'group/two-people.jpg', 'group.jpg', boClient)).status).toBe(422);
    await api.post('/api/employees', { email: 'cy@day.test', firstName: 'Cy', lastName: 'Cole', department: 'Design' });
    // Dee's selfie arrives in batch mode and waits for HR.
    expect((await api.request('PUT', '/api/org/settings', { processingMode: 'batch' })).status).toBe(200);
    await personWithSelfie(api, smtp, product.url, { email: 'dee@day.test', firstName: 'Dee', lastName: 'Dunn', department: 'Design', photo: 'portraits/p09_max_luciano.png' });
    const deadline = Date.now() + 120_000;
    while ((await api.get('/api/activity')).json.inReview < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));

    browser = await launchChromium();
    desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    hr = await desk.newPage();
    await signIn(hr);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await smtp?.stop();
  });

  it('the dashboard says what waits, with links, and follows a decision live', async () => {
    await hr.goto(`${product.url}/`);
    const todo = hr.getByRole('region', { name: 'What needs you' });
    await todo.getByText('4 employees · 0 approved').waitFor();
    await expect.poll(() => hr.getByRole('heading', { name: 'No employees yet' }).count()).toBe(0);
    await todo.getByRole('link', { name: '1 headshot is waiting for your review' }).waitFor();
    await todo.getByRole('link', { name: '1 person has not sent a selfie yet' }).waitFor();
    await todo.getByRole('link', { name: '1 selfie is waiting for a batch' }).waitFor();
    await look(hr, 'dashboard-1280');
    // HR approves elsewhere (another tab, a colleague): the dashboard follows without a reload.
    const [h] = (await api.get('/api/review')).json.items;
    expect((await api.post(`/api/headshots/${h.headshotId}/approve`)).status).toBe(200);
    await todo.getByText('4 employees · 1 approved').waitFor({ timeout: 15_000 });
    expect(await todo.getByRole('link', { name: /waiting for your review/ }).count()).toBe(0);
    await todo.getByRole('link', { name: '1 person has not sent a selfie yet' }).click();
    await hr.waitForURL(/\/employees\?status=invited/);
    await hr.getByRole('cell', { name: /Berg, Bo/ }).waitFor();
    expect(await hr.getByRole('cell', { name: /Cole, Cy/ }).count()).toBe(0);
  }, 60_000);

  it('shows Bo’s refused selfie with its reason, and the erase confirmation names what goes', async () => {
    await hr.goto(`${product.url}/employees`);
    await hr.getByRole('button', { name: 'Actions for Bo Berg' }).click();
    await hr.getByRole('menuitem', { name: 'Refused selfies' }).click();
    const refused = hr.getByRole('dialog', { name: 'Refused selfies of Bo Berg' });
    await refused.getByText(/more than one (face|person)/i).waitFor();
    await look(hr, 'refused-selfies-1280');
    await refused.getByRole('button', { name: 'Close' }).click();

    await hr.getByRole('button', { name: 'Actions for Bo Berg' }).click();
    await hr.getByRole('menuitem', { name: 'Erase…' }).click();
    const confirm = hr.getByRole('dialog', { name: 'Erase Bo Berg?' });
    await confirm.getByText(/the employee record of Bo Berg \(bo\.berg-with-a-long-address@day\.test\), 0 selfies, 0 headshots with their image files, 1 invite link and 1 record of a refused selfie\./).waitFor();
    await look(hr, 'erase-confirm-1280');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await api.get(`/api/employees/${boId}`)).status).toBe(200);
  });

  it('the Batches page counts the selfies waiting', async () => {
    await hr.goto(`${product.url}/batches`);
    await hr.getByRole('status').filter({ hasText: '1 selfie is waiting for a batch.' }).waitFor();
    await look(hr, 'batches-1280');
  });

  it('a campaign keeps Bo’s live link and takes 21/12/2026 as the 21st in an en-GB browser', async () => {
    await hr.goto(`${product.url}/campaigns`);
    await hr.getByRole('button', { name: 'New campaign' }).first().click();
    const dialog = hr.getByRole('dialog', { name: 'New campaign' });
    await dialog.getByLabel('Campaign name').fill('Winter photos');
    const due = dialog.getByLabel('Due date');
    await due.fill('21/12/2026');
    await due.blur();
    // Everyone invited so far still holds a working link (Ana, Bo, Dee); only Cy would get a first one.
    await dialog.getByText('3 people already have a working invite link: Ana Alvarez, Bo Berg, Dee Dunn.').waitFor();
    expect(await dialog.getByRole('checkbox', { name: 'Keep their current links (no second email)' }).isChecked()).toBe(true);
    // The typed date is read in the page's locale and shown back the same way.
    expect(await due.inputValue()).toBe('21/12/2026');
    await look(hr, 'campaign-dialog-1280');
    const boMails = mailsTo('bo.berg-with-a-long-address@day.test').length;
    // The dialog's own request and answer, so a failure says what the server was sent and said.
    const started = hr.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/campaigns');
    await dialog.getByRole('button', { name: 'Start campaign' }).click();
    const answer = await started;
    expect({ status: answer.status(), sent: answer.request().postDataJSON() }).toMatchObject({ status: 201, sent: { name: 'Winter photos', dueOn: '2026-12-21' } });
    await dialog.waitFor({ state: 'detached' });
    const [campaign] = (await api.get('/api/campaigns')).json.filter((c: { name: string }) => c.name === 'Winter photos');
    expect(campaign?.dueOn).toBe('2026-12-21');
    expect((await smtp.waitFor('cy@day.test', /would like your headshot/)).text).toContain('This is for “Winter photos”.');
    expect(mailsTo('bo.berg-with-a-long-address@day.test')).toHaveLength(boMails);
    await hr.goto(`${product.url}/campaigns/${campaign.id}`);
    await hr.getByText(/Tried, refused once/).first().waitFor();
    await look(hr, 'campaign-1280');
  }, 60_000);

  it('every page at 1280 px and on a phone: no sideways scrolling, axe clean, no shortcut help on the phone', async () => {
    for (const path of ['review', 'exports', 'settings/members', 'settings/audit', 'employees']) {
      await hr.goto(`${product.url}/${path}`);
      await look(hr, `${path.replace('/', '-')}-1280`);
    }
    const audit = await api.get('/api/audit?action=upload.refused');
    expect(audit.json.items[0].subjectName).toBe('Bo Berg');

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'en-GB' });
    const p = await phone.newPage();
    await signIn(p);
    for (const path of ['', 'employees', 'campaigns', 'batches', 'review', 'exports', 'settings/members', 'settings/audit']) {
      await p.goto(`${product.url}/${path}`);
      await look(p, `${path.replace('/', '-') || 'dashboard'}-390`);
    }
    // The exports form: the file-name hint and the e-mail toggle do not overlap.
    await p.goto(`${product.url}/exports`);
    const hint = await p.getByText(/Empty uses the style's pattern/).boundingBox();
    const toggle = await p.getByRole('switch', { name: 'Include work email in the manifest' }).boundingBox();
    expect(hint!.y + hint!.height).toBeLessThanOrEqual(toggle!.y + 1);
    await p.goto(`${product.url}/review?state=approved`);
    expect(await p.getByText('On a card:').isVisible()).toBe(false);
    await phone.close();
    expect(overflow).toEqual({});
    expect(Object.fromEntries(Object.entries(a11y).filter(([, v]) => v.length))).toEqual({});
  }, 180_000);
});
