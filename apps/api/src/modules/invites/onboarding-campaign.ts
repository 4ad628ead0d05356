import type { EntityManager } from 'typeorm';

/**
 * The org's standing "New starters" campaign, created on first use. Automatic invites of new
 * employees land in it, so their reminders, follow-up and dashboard work like any campaign's.
 * The partial unique index (one active onboarding campaign per org) makes concurrent callers agree.
 */
export async function onboardingCampaignId(m: EntityManager, orgId: string): Promise<string> {
  await m.query(
    `INSERT INTO campaign (org_id, name, kind, due_on, audience, reminder_every_days)
     VALUES ($1, 'New starters', 'onboarding', NULL, '{"kind":"onboarding"}'::jsonb, 3)
     ON CONFLICT (org_id) WHERE kind = 'onboarding' AND state = 'active' DO NOTHING`,
    [orgId],
  );
  const [row] = await m.query(`SELECT id FROM campaign WHERE org_id = $1 AND kind = 'onboarding' AND state = 'active'`, [orgId]);
  return row.id;
}
