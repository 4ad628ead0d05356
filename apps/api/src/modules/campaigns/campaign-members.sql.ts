/**
 * One row per member of campaign `$1` (org `$2`) with the member's state judged from what happened
 * since they were invited to it, at time `$3`. Built as SQL so the dashboard counts and the member
 * list cannot disagree. Upload rows outlive their files (retention deletes originals, not rows), and
 * only headshots made from an upload sent since the invite count, so re-rendering an old photo in a
 * new style does not look like an answer.
 */
export const MEMBER_ROWS = `
  SELECT m.employee_id, e.first_name, e.last_name, e.email, e.department, e.title, e.custom_fields,
         m.invited_at, m.skip_reason, m.reminders_sent, m.last_reminder_at,
         coalesce(ra.refused, 0) AS refused_attempts, ra.last_refusal,
         up.uploaded_at AS uploaded_at,
         CASE WHEN hs.state = 'approved' THEN hs.reviewed_at END AS approved_at,
         CASE
           WHEN m.invited_at IS NULL THEN 'skipped'
           WHEN up.uploaded_at IS NULL THEN 'invited'
           WHEN hs.state IN ('approved', 'rejected', 'in_review') THEN hs.state
           ELSE 'uploaded'
         END AS state,
         (m.invited_at IS NOT NULL AND up.uploaded_at IS NULL
           AND m.reminders_sent >= 1 AND m.last_reminder_at <= $3::timestamptz - interval '1 day'
           AND (m.reminders_sent >= 3 OR (c.due_on IS NOT NULL AND $3::timestamptz >= c.due_on - interval '1 day'))) AS needs_attention
    FROM campaign_member m
    JOIN campaign c ON c.id = m.campaign_id
    JOIN employee e ON e.id = m.employee_id AND e.org_id = m.org_id
    LEFT JOIN LATERAL (
      SELECT min(u.created_at) AS uploaded_at FROM upload u
       WHERE u.org_id = m.org_id AND u.employee_id = m.employee_id AND u.created_at >= m.invited_at
    ) up ON true
    LEFT JOIN LATERAL (
      SELECT h.state, h.reviewed_at FROM headshot h JOIN upload hu ON hu.id = h.upload_id
       WHERE h.org_id = m.org_id AND h.employee_id = m.employee_id AND hu.created_at >= m.invited_at
       ORDER BY h.created_at DESC LIMIT 1
    ) hs ON true
    LEFT JOIN LATERAL (
      -- Selfies the instant checks refused since the invite: why someone is still missing.
      SELECT count(*)::int AS refused, (array_agg(a.checks->0->>'sentence' ORDER BY a.created_at DESC))[1] AS last_refusal
        FROM upload_attempt a
       WHERE a.org_id = m.org_id AND a.employee_id = m.employee_id AND a.created_at >= m.invited_at
    ) ra ON true
   WHERE m.campaign_id = $1 AND m.org_id = $2`;

/** Dashboard counts over {@link MEMBER_ROWS}, same parameters. */
export const MEMBER_COUNTS = `
  SELECT count(*)::int AS members,
         count(*) FILTER (WHERE state <> 'skipped')::int AS invited,
         count(*) FILTER (WHERE state IN ('uploaded', 'in_review', 'approved', 'rejected'))::int AS uploaded,
         count(*) FILTER (WHERE state = 'in_review')::int AS in_review,
         count(*) FILTER (WHERE state = 'approved')::int AS approved,
         count(*) FILTER (WHERE state = 'rejected')::int AS rejected,
         count(*) FILTER (WHERE state = 'invited')::int AS missing,
         count(*) FILTER (WHERE state = 'skipped')::int AS skipped,
         count(*) FILTER (WHERE needs_attention)::int AS needs_attention
    FROM (${MEMBER_ROWS}) AS r`;

export interface MemberRow {
  employee_id: string;
  first_name: string;
  last_name: string;
  email: string;
  department: string;
  title: string;
  custom_fields: Record<string, string>;
  invited_at: Date | null;
  skip_reason: string | null;
  reminders_sent: number;
  last_reminder_at: Date | null;
  uploaded_at: Date | null;
  approved_at: Date | null;
  state: string;
  needs_attention: boolean;
  refused_attempts: number;
  last_refusal: string | null;
}

export interface CountsRow {
  members: number;
  invited: number;
  uploaded: number;
  in_review: number;
  approved: number;
  rejected: number;
  missing: number;
  skipped: number;
  needs_attention: number;
}
