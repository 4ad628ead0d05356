import { Injectable } from '@nestjs/common';
import { NOTIFICATION_DEFAULTS, type NotificationSettings, type NotificationSettingsDto } from '@teamframe/shared-types';
import type { AuthContext } from '../../core/auth/auth-context';
import { AuditService } from '../audit/audit.service';
import type { NotificationPreference } from './entities/notification-preference.entity';
import { NotificationsRepository } from './notifications.repository';

export type NotificationSwitch = keyof NotificationSettings;

export interface Recipient {
  userId: string;
  email: string;
  displayName: string;
  settings: NotificationSettings;
}

/** HR mail goes to these roles only; marketing members never get it, whatever a row says. */
const HR_ROLES = ['owner', 'hr_admin'];

/** Each HR user's own mail switches, and who in an org has a given switch on. */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly audit: AuditService,
  ) {}

  async get(auth: AuthContext): Promise<NotificationSettingsDto> {
    const row = await this.repo.preference(auth.orgId, auth.userId);
    return row ? { ...toSettings(row), saved: true } : { ...NOTIFICATION_DEFAULTS, saved: false };
  }

  async update(auth: AuthContext, s: NotificationSettings): Promise<NotificationSettingsDto> {
    // Keyed by the caller's own user id: there is no way to name somebody else's switches.
    await this.repo.savePreference(auth.orgId, auth.userId, s);
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'notifications.updated', subjectType: 'user', subjectId: auth.userId, details: { ...s } });
    return { ...s, saved: true };
  }

  /** The org's active owners and HR admins, with their switches (defaults where never saved). */
  async recipients(orgId: string, wanted?: NotificationSwitch[], onlyUserId?: string): Promise<Recipient[]> {
    const rows = await this.repo.recipients(orgId, HR_ROLES, onlyUserId);
    const all = rows.map((r) => ({
      userId: r.id,
      email: r.email,
      displayName: r.display_name,
      settings: {
        dailyDigest: r.daily_digest ?? NOTIFICATION_DEFAULTS.dailyDigest,
        batchFinished: r.batch_finished ?? NOTIFICATION_DEFAULTS.batchFinished,
        reviewWaiting: r.review_waiting ?? NOTIFICATION_DEFAULTS.reviewWaiting,
        campaignDue: r.campaign_due ?? NOTIFICATION_DEFAULTS.campaignDue,
      },
    }));
    return wanted ? all.filter((r) => wanted.some((w) => r.settings[w])) : all;
  }

  /** One user as a recipient, re-read when the mail is written: switched off or demoted since it was queued means no mail. */
  async recipient(orgId: string, userId: string): Promise<Recipient | undefined> {
    return (await this.recipients(orgId, undefined, userId))[0];
  }
}

function toSettings(r: NotificationPreference): NotificationSettings {
  return { dailyDigest: r.dailyDigest, batchFinished: r.batchFinished, reviewWaiting: r.reviewWaiting, campaignDue: r.campaignDue };
}
