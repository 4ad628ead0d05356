import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HttpClient } from './http-client';
import { sql } from './orgs';
import type { TestSmtp } from './smtp';
import { TESTDATA } from './test-env';

/** Adds an employee, invites them, and returns the token from the mail they receive. */
export async function inviteEmployee(hr: HttpClient, smtp: TestSmtp, email: string, firstName = 'Test', lastName = 'Person'): Promise<{ token: string; employeeId: string }> {
  const created = await hr.post('/api/employees', { email, firstName, lastName, department: 'QA' });
  if (created.status !== 201) throw new Error(`could not add ${email}: ${created.text}`);
  await hr.post('/api/invites', { employeeIds: [created.json.id] });
  const mail = await smtp.waitFor(email);
  const token = mail.text!.match(/\/u\/([A-Za-z0-9_-]{43})/)![1];
  return { token, employeeId: created.json.id };
}

/** Sends a file as the employee's photo, the way the upload page does. */
export async function uploadPhoto(baseUrl: string, token: string, file: string | Buffer, name = 'photo.jpg', client?: HttpClient) {
  const bytes = typeof file === 'string' ? readFileSync(path.join(TESTDATA, file)) : file;
  const form = new FormData();
  form.append('photo', new Blob([new Uint8Array(bytes)]), name);
  const xsrf = client?.cookies.get('XSRF-TOKEN');
  const headers: Record<string, string> = {};
  if (client && xsrf) {
    headers['x-xsrf-token'] = xsrf;
    headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  const res = await fetch(`${baseUrl}/api/invite/${token}/photo`, { method: 'POST', body: form, headers });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/**
 * Adds an employee, invites them and gives consent through their link, without waiting for the mail:
 * the token is derived from the secret as the mail worker does (for specs that run no mail worker).
 */
export async function consentedEmployee(
  hr: HttpClient,
  s: { baseUrl: string; dbUrl: string; secret: string },
  email: string,
): Promise<{ token: string; client: HttpClient; employeeId: string }> {
  const created = await hr.post('/api/employees', { email, firstName: 'Test', lastName: 'Person', department: 'QA' });
  if (created.status !== 201) throw new Error(`could not add ${email}: ${created.text}`);
  await hr.post('/api/invites', { employeeIds: [created.json.id] });
  const [invite] = await sql<{ id: string }>(s.dbUrl, `SELECT id FROM invite WHERE employee_id = $1 AND state = 'active'`, [created.json.id]);
  const token = createHmac('sha256', s.secret).update(`invite:${invite.id}`).digest('base64url');
  const client = new HttpClient(s.baseUrl);
  await client.get(`/api/invite/${token}`);
  const consent = await client.post(`/api/invite/${token}/consent`);
  if (consent.status !== 200) throw new Error(`consent refused for ${email}: ${consent.text}`);
  return { token, client, employeeId: created.json.id };
}
