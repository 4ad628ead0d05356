import type { NotificationSettings } from '@teamframe/shared-types';

export interface NotificationSwitchInfo {
  key: keyof NotificationSettings;
  label: string;
  /** What the mail says and when it comes, in one sentence. */
  description: string;
  icon: string;
}

/** The switches in page order, each with the sentence shown under it. */
export const NOTIFICATION_SWITCHES: readonly NotificationSwitchInfo[] = [
  {
    key: 'dailyDigest',
    label: 'Daily summary',
    description:
      'Every morning at 07:00 UTC: new selfies from the last 24 hours, headshots waiting for review, failed headshots, campaigns due within three days and people who need a personal nudge. Not sent on a day with nothing to report.',
    icon: 'today',
  },
  {
    key: 'batchFinished',
    label: 'Batch finished',
    description: 'As soon as a batch has finished processing: how many headshots are ready for review and how many failed, with the reasons.',
    icon: 'done_all',
  },
  {
    key: 'reviewWaiting',
    label: 'Headshots waiting for review',
    description:
      'When new headshots are ready for review: after a batch (only if “Batch finished” is off, which already says so), and for selfies processed on arrival at most one mail every 15 minutes.',
    icon: 'rate_review',
  },
  {
    key: 'campaignDue',
    label: 'Campaign due tomorrow',
    description: 'The morning before an active campaign’s due day: its name, the date and how many people have not sent a selfie yet.',
    icon: 'event',
  },
];

/** The snackbar sentence after a switch was saved. */
export function savedMessage(info: NotificationSwitchInfo, on: boolean): string {
  return `${info.label} emails turned ${on ? 'on' : 'off'}.`;
}
