import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, seriousA11yViolations } from './support/browser';
import { type RunningProduct, startProduct } from './support/product';

const OWNER = { email: 'owner@integrations.test', password: 'integrations-e2e-passphrase' };

// The owner's integration pages in a real Chromium: API tokens, SCIM provisioning, webhooks, directory photos.
describe('settings: API tokens, provisioning, webhooks and directory photos', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;
  let receiver: Server;
  let received = 0;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received++;
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.2', () => r()));
    product = await startProduct({ TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Integrations Corp', WEBHOOK_ALLOWED_NETWORKS: '127.0.0.2/32' });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(`${product.url}/sign-in`);
    await page.getByLabel('Work email').fill(OWNER.email);
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await new Promise((r) => receiver?.close(r));
  });

  it('creates an API token, shows it once, and revokes it', async () => {
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    await page.getByText('No API tokens yet').waitFor();
    await page.getByLabel('Name').fill('HRIS sync');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByTestId('secret').textContent();
    expect(secret).toMatch(/^tf_[\w-]{43}$/);
    await page.getByRole('button', { name: 'Revoke HRIS sync' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'integrations-01-api-token-created');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    expect(await page.textContent('body')).not.toContain(secret);
    await page.getByRole('button', { name: 'Revoke HRIS sync' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByText(/^Revoked/).waitFor();
  });

  it('creates the SCIM token and shows the base URL', async () => {
    await page.getByRole('link', { name: 'Provisioning' }).click();
    await page.getByRole('heading', { name: 'Provisioning (SCIM)', level: 1 }).waitFor();
    expect(await page.getByTestId('scim-base-url').textContent()).toBe(`${product.url}/scim/v2`);
    await page.getByRole('button', { name: 'Create token' }).click();
    expect(await page.getByTestId('secret').textContent()).toMatch(/^tfscim_/);
    const res = await fetch(`${product.url}/scim/v2/ServiceProviderConfig`, { headers: { authorization: `Bearer ${await page.getByTestId('secret').textContent()}` } });
    expect(res.status).toBe(200);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'integrations-02-provisioning');
  });

  it('adds a webhook endpoint, sends a test event and shows the delivery log', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByLabel('URL').fill('https://10.0.0.8/hook');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText(/not a public address/).first().waitFor();
    await screenshot(page, 'integrations-03-webhook-refused');
    await page.getByRole('button', { name: 'Dismiss' }).click();

    await page.getByLabel('URL').fill(`http://127.0.0.2:${(receiver.address() as AddressInfo).port}/teamframe`);
    await page.getByLabel('Description (optional)').fill('Intranet photo wall');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    expect(await page.getByTestId('secret').textContent()).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Send test event' }).click();
    await expect.poll(() => received, { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'Delivery log' }).click();
    await page.getByRole('cell', { name: /^204/ }).waitFor();
    await page.getByRole('button', { name: 'OK' }).click();
    await page.locator('mat-snack-bar-container').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('cell', { name: /^204/ }).scrollIntoViewIfNeeded();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'integrations-04-webhook-delivered');
  });

  it('connects BambooHR for directory photos; the key is not shown again; a dry run finds nobody yet', async () => {
    await page.getByRole('link', { name: 'Directory photos' }).click();
    await page.getByRole('heading', { name: 'Directory photos', level: 1 }).waitFor();
    const bamboo = page.getByRole('region', { name: 'BambooHR' });
    await bamboo.getByLabel('Company subdomain').fill('acme');
    await bamboo.getByLabel('API key').fill('bamboo-e2e-api-key');
    await bamboo.getByRole('button', { name: 'Connect' }).click();
    await bamboo.getByText('Connected').waitFor();
    await expect.poll(() => bamboo.getByLabel('API key').inputValue()).toBe('');
    await bamboo.getByRole('button', { name: 'Dry run' }).click();
    await bamboo.getByText('Everyone’s approved headshot is already there.').waitFor();
    expect(await page.textContent('body')).not.toContain('bamboo-e2e-api-key');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'integrations-05-directory-photos');
  });
});
