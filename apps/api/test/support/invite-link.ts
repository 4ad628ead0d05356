import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpClient } from './http-client';
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
