import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../apps/api/test/support/http-client';
import { sql } from '../../apps/api/test/support/orgs';
import { TestSmtp } from '../../apps/api/test/support/smtp';
import { createTestDatabase, type TestDatabase } from '../../apps/api/test/support/test-env';
import { launchChromium, screenshot, seriousA11yViolations } from './support/browser';
import { REPO_ROOT, type RunningProduct, startProduct } from './support/product';

const TESTDATA = process.env.TEAMFRAME_TESTDATA ?? path.resolve(REPO_ROOT, '../shared/testdata');
const OWNER = { email: 'hr@journey.test', password: 'journey owner passphrase' };

// An employee on a phone: opens the emailed link, accepts the consent, sends a group photo that is
// refused with its sentence, then a good selfie, and watches the status reach "in review".
describe('employee upload on a phone', () => {
  let product: RunningProduct;
  let browser: Browser;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    product = await startProduct({ SMTP_URL: smtp.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Journey Ltd' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await smtp?.stop();
  });

  it('follows the invite link, is told why a photo is unusable, and gets a good one into review', async () => {
    const hr = new HttpClient(product.url);
    expect((await hr.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    const ana = await hr.post('/api/employees', { email: 'ana@journey.test', firstName: 'Ana', lastName: 'Lima', title: 'Engineer', department: 'R&D' });
    await hr.post('/api/invites', { employeeIds: [ana.json.id] });
    const mail = await smtp.waitFor('ana@journey.test');
    const link = mail.text!.match(/https?:\/\/\S+\/u\/[A-Za-z0-9_-]{43}/)![0];
    expect(link.startsWith(product.url)).toBe(true);

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Hi Ana' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'upload-01-consent-phone');

    await page.getByRole('checkbox', { name: /I have read this and agree/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const fileInput = page.locator('input[type=file]:not([capture])');
    await page.getByRole('button', { name: /Choose a photo/ }).waitFor();

    await fileInput.setInputFiles(path.join(TESTDATA, 'group/two-people.jpg'));
    await page.getByText(/more than one (face|person)/i).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'upload-02-refused-phone');
    // Ana leaves and comes back: the page still says why her last photo was refused.
    await page.reload();
    const lastRefused = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'The photo you sent last could not be used' }) });
    await lastRefused.getByText(/more than one (face|person)/i).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'upload-02b-refused-on-return-phone');

    await fileInput.setInputFiles(path.join(TESTDATA, 'portraits/obama-official.jpg'));
    await page.getByText(/Looks good/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'upload-03-accepted-phone');

    // The page polls; the worker in the same process renders the headshot.
    await page.locator('li[aria-current=step]', { hasText: 'In review' }).waitFor({ timeout: 90_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'upload-04-in-review-phone');
    expect((await hr.get(`/api/employees/${ana.json.id}`)).json.status).toBe('in_review');
    await phone.close();
  });
});

// Issue 16: an `api` process has its uploads checked by the workers. With none running, the employee
// is not left waiting: the page says the photo is kept and will be checked, and HR sees nothing lost.
describe('employee upload to an api process while no worker runs', () => {
  let product: RunningProduct;
  let browser: Browser;

  beforeAll(async () => {
    product = await startProduct({ TEAMFRAME_ROLE: 'api', TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Split Ltd' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('tells the employee the selfie is kept and will be checked, instead of a spinner or an error', async () => {
    const hr = new HttpClient(product.url);
    expect((await hr.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    const bo = await hr.post('/api/employees', { email: 'bo@split.test', firstName: 'Bo', lastName: 'Berg', title: 'Engineer', department: 'R&D' });
    // No worker sends mail here: HR passes the link on by chat.
    const { link } = (await hr.post(`/api/invites/${bo.json.id}/link`)).json as { link: string };

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Hi Bo' }).waitFor();
    await page.getByRole('checkbox', { name: /I have read this and agree/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: /Choose a photo/ }).waitFor();
    await page.locator('input[type=file]:not([capture])').setInputFiles(path.join(TESTDATA, 'portraits/obama-official.jpg'));
    await page.getByRole('heading', { name: 'Your selfie is safe with us' }).waitFor({ timeout: 30_000 });
    await page.getByText(/It is checked automatically in the next few minutes/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'upload-05-kept-for-check-phone');
    // Opened again while it still waits: the same words, and no second upload asked for.
    await page.reload();
    await page.getByRole('heading', { name: 'Your selfie is safe with us' }).waitFor();
    await page.getByText(/It is checked automatically in the next few minutes/).waitFor();
    expect(await page.getByRole('button', { name: /Choose a photo/ }).count()).toBe(0);
    await phone.close();

    // HR's dashboard says a selfie waits for a worker, so nobody thinks it was lost.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const hrPage = await desk.newPage();
    await hrPage.goto(`${product.url}/sign-in`);
    await hrPage.getByLabel('Work email').fill(OWNER.email);
    await hrPage.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await hrPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    await hrPage.getByText('1 selfie is kept and waiting for a worker to check it').waitFor();
    await hrPage.getByText('Teamframe answers, but no worker is running.').waitFor();
    await hrPage.getByRole('listitem').filter({ hasText: 'Workers (headshots)' }).getByText('None connected').waitFor();
    await screenshot(hrPage, 'dashboard-waiting-for-check-1280');
    await desk.close();
  });
});

// A worker that finds the org's storage full keeps the selfie it was handed (upload_check.waiting_for =
// 'storage'; apps/api/test/upload-check-waits.spec.ts runs that with a real worker). What people read
// then: the employee, that the photo is kept until the company frees space; HR, how many wait for space.
describe('a kept selfie waiting for storage space', () => {
  let product: RunningProduct;
  let browser: Browser;
  let db: TestDatabase;
  const OWNER = { email: 'hr@full.test', password: 'full storage owner passphrase' };

  beforeAll(async () => {
    db = await createTestDatabase();
    product = await startProduct({ TEAMFRAME_ROLE: 'api', DATABASE_URL: db.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Full Ltd' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await db?.drop();
  });

  it('tells the employee it is kept until space is freed (no new photo asked for), and HR how many wait for space', async () => {
    const hr = new HttpClient(product.url);
    expect((await hr.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    const cy = await hr.post('/api/employees', { email: 'cy@full.test', firstName: 'Cy', lastName: 'Cole', title: 'Engineer', department: 'R&D' });
    const { link } = (await hr.post(`/api/invites/${cy.json.id}/link`)).json as { link: string };

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await page.goto(link);
    await page.getByRole('checkbox', { name: /I have read this and agree/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('input[type=file]:not([capture])').setInputFiles(path.join(TESTDATA, 'portraits/obama-official.jpg'));
    await page.getByRole('heading', { name: 'Your selfie is safe with us' }).waitFor({ timeout: 30_000 });
    // As the worker leaves it when the org's storage has no room for the photo.
    expect(await sql(db.url, `UPDATE upload_check SET waiting_for = 'storage' WHERE employee_id = $1 RETURNING id`, [cy.json.id])).toHaveLength(1);

    await page.reload();
    await page.getByRole('heading', { name: 'Your selfie is safe with us' }).waitFor();
    await page.getByText(/your company’s storage is full just now\. It is processed automatically once the company frees space; you do not need to send another one/).waitFor();
    expect(await page.getByRole('button', { name: /Choose a photo/ }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'upload-06-kept-until-space-phone');
    await phone.close();

    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const hrPage = await desk.newPage();
    await hrPage.goto(`${product.url}/sign-in`);
    await hrPage.getByLabel('Work email').fill(OWNER.email);
    await hrPage.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await hrPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    const todo = hrPage.getByRole('region', { name: 'What needs you' });
    await todo.getByRole('link', { name: /1 selfie is kept but waiting because your storage is full/ }).waitFor();
    // Not counted as waiting for a worker: that line would send HR to IT for nothing.
    expect(await todo.getByText(/waiting for a worker/).count()).toBe(0);
    expect(await seriousA11yViolations(hrPage)).toEqual([]);
    await screenshot(hrPage, 'dashboard-waiting-for-space-1280');
    await desk.close();
  });
});
