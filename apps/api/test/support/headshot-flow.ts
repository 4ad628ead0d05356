import { HttpClient } from './http-client';
import { inviteEmployee, uploadPhoto } from './invite-link';
import { sql } from './orgs';
import type { TestSmtp } from './smtp';

export interface ReviewablePerson {
  employeeId: string;
  token: string;
  email: string;
}

/**
 * Adds an employee (with title and department), invites them, accepts consent and uploads the photo
 * through their link, the way the upload page does. Processing starts on arrival.
 */
export async function personWithSelfie(
  hr: HttpClient,
  smtp: TestSmtp,
  baseUrl: string,
  p: { email: string; firstName: string; lastName: string; title?: string; department?: string; photo: string },
): Promise<ReviewablePerson> {
  const { token, employeeId } = await inviteEmployee(hr, smtp, p.email, p.firstName, p.lastName);
  const patched = await hr.request('PATCH', `/api/employees/${employeeId}`, { title: p.title ?? 'Engineer', department: p.department ?? 'QA' });
  if (patched.status !== 200) throw new Error(`could not update ${p.email}: ${patched.text}`);
  const c = new HttpClient(baseUrl);
  await c.get(`/api/invite/${token}`);
  const consent = await c.post(`/api/invite/${token}/consent`);
  if (consent.status !== 200) throw new Error(`consent failed for ${p.email}: ${consent.text}`);
  const up = await uploadPhoto(baseUrl, token, p.photo, 'me.jpg', c);
  if (up.status !== 201) throw new Error(`upload failed for ${p.email}: ${JSON.stringify(up.json)}`);
  return { employeeId, token, email: p.email };
}

/** Waits until the employee's newest headshot reaches a finished state; returns its id. */
export async function waitForHeadshot(dbUrl: string, employeeId: string, want: string[] = ['in_review'], timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last: { id: string; state: string } | undefined;
  while (Date.now() < deadline) {
    [last] = await sql<{ id: string; state: string }>(dbUrl, `SELECT id, state FROM headshot WHERE employee_id = $1 AND state <> 'superseded' ORDER BY created_at DESC LIMIT 1`, [employeeId]);
    if (last && want.includes(last.state)) return last.id;
    if (last?.state === 'failed' && !want.includes('failed')) throw new Error(`headshot of ${employeeId} failed`);
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`headshot of ${employeeId} did not reach ${want.join('/')} (last: ${last?.state})`);
}
