import type { WebhookEventType } from '@teamframe/shared-types';
import type { AuditEntry } from '../audit/audit.service';

/**
 * Which audit actions become which webhook events, and what each event's `data` carries: ids and
 * plain facts, no personal data beyond ids (a receiver fetches details with an API token).
 */
export const WEBHOOK_EVENT_BY_ACTION: Record<string, (e: AuditEntry) => { type: WebhookEventType; data: Record<string, unknown> }> = {
  'headshot.approved': (e) => ({ type: 'headshot.approved', data: { headshotId: e.subjectId, employeeId: e.details?.employeeId } }),
  'headshot.rejected': (e) => ({ type: 'headshot.rejected', data: { headshotId: e.subjectId, employeeId: e.details?.employeeId, reason: e.details?.reason } }),
  'upload.accepted': (e) => ({ type: 'employee.photo_uploaded', data: { employeeId: e.subjectId, uploadId: e.details?.uploadId } }),
  'export.completed': (e) => ({ type: 'export.ready', data: { exportId: e.subjectId, people: e.details?.people, bytes: e.details?.size } }),
  'campaign.ended': (e) => {
    const { automatically, ...summary } = e.details ?? {};
    return { type: 'campaign.ended', data: { campaignId: e.subjectId, automatically: Boolean(automatically), summary } };
  },
};
