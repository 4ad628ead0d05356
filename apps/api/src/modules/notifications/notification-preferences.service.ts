import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NOTIFICATION_DEFAULTS, type NotificationSettings, type NotificationSettingsDto } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { AuditService } from '../audit/audit.service';
import { NotificationPreference } from './entities/notification-preference.entity';

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
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(auth: AuthContext): Promise<NotificationSettingsDto> {
    const row = await this.db.getRepository(NotificationPreference).findOneBy({ userId: auth.userId, orgId: auth.orgId });
    return row ? { ...toSettings(row), saved: true } : { ...NOTIFICATION_DEFAULTS, saved: false };
  }

  async update(auth: AuthContext, s: NotificationSettings): Promise<NotificationSettingsDto> {
    // Keyed by the caller's own user id: there is no way to name somebody else's switches.
    await this.db.getRepository(NotificationPreference).upsert({ userId: auth.userId, orgId: auth.orgId, ...s, updatedAt: new Date() }, ['userId']);
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'notifications.updated', subjectType: 'user', subjectId: auth.userId, details: { ...s } });
    return { ...s, saved: true };
  }

  /** The org's active owners and HR admins, with their switches (defaults where never saved). */
  async recipients(orgId: string, wanted?: NotificationSwitch[], onlyUserId?: string): Promise<Recipient[]> {
    const rows: { id: string; email: string; display_name: string; daily_digest: boolean | null; batch_finished: boolean | null; review_waiting: boolean | null; campaign_due: boolean | null }[] = await this.db.query(
      `SELECT u.id, u.email, u.display_name, p.daily_digest, p.batch_finished, p.review_waiting, p.campaign_due
         FROM app_user u LEFT JOIN notification_preference p ON p.user_id = u.id AND p.org_id = u.org_id
        WHERE u.org_id = $1 AND u.role = ANY($2) AND u.disabled_at IS NULL AND ($3::uuid IS NULL OR u.id = $3)
        ORDER BY u.email`,
      [orgId, HR_ROLES, onlyUserId ?? null],
    );
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
