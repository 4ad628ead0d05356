import { z } from 'zod';
import type { EmployeeStatus } from './employees';
import { DefaultLanguageSchema } from './i18n/languages';
import { OrgNameSchema } from './platform-orgs';

/** What the employee's upload page (`/u/:token`) learns from `GET /api/invite/:token`. */
export interface InvitePageDto {
  firstName: string;
  /** The page's language (BCP 47): the employee's own, else the browser's (Accept-Language), else the org's default. */
  language: string;
  dir: 'ltr' | 'rtl';
  orgName: string;
  expiresAt: string;
  /** In the page's language. */
  consentText: string;
  consentAcceptedAt: string | null;
  /** Where this link stands: `invited` until a selfie arrives for it, even when an earlier headshot is approved. */
  status: EmployeeStatus;
  /** The due day (`YYYY-MM-DD`) of the campaign this link belongs to, if it has one. */
  dueOn: string | null;
  /** The link belongs to a refresh campaign: the person's current headshot is getting old. */
  refresh: boolean;
  rejectionReason: string | null;
  /** A selfie sent through this link is kept and waits for a worker to check it (it was answered `checking`). */
  checking: boolean;
  /**
   * That kept selfie was checked and is usable, but the organisation's storage is full: it stays kept (no
   * new photo is needed) and is processed once the company frees space or gets a larger quota.
   */
  waitingForSpace: boolean;
  /**
   * Why the last selfie sent through this link was refused, in the page's language, unless a usable one
   * arrived after it: a selfie checked after the employee left the page is explained when they come back.
   */
  lastRefusal: { code: string; sentence: string; tip: string }[] | null;
  /** The org's logo, served through this same link; null when the org has none. */
  logoUrl: string | null;
  /** Set once a headshot is approved: the LinkedIn-size image, served through this same link. */
  headshotUrl: string | null;
  /** Set once approved when the style has a profile-picture rendition: that picture (often a round PNG), served through this same link. */
  profilePictureUrl: string | null;
}

export interface PhotoAcceptedDto {
  /** Null while the selfie waits for its check (`checking`). */
  uploadId: string | null;
  /**
   * `checking` (HTTP 202): the selfie is kept, but no worker could check it yet; it is checked as soon
   * as one is free, and `message` says so in the page's language (or, when a worker already found the
   * organisation's storage full, that it is kept and processed once the company frees space).
   */
  status: EmployeeStatus | 'checking';
  checks: { code: string; sentence: string; tip: string }[];
  message?: string;
}

/**
 * Why a kept selfie's check is parked (upload_check.waiting_for): `storage`, the organisation's storage
 * is full; `suspension`, the organisation is suspended. Neither counts as a failed try.
 */
export const UPLOAD_CHECK_WAITS = ['storage', 'suspension'] as const;
export type UploadCheckWait = (typeof UPLOAD_CHECK_WAITS)[number];

export const PROCESSING_MODES = ['on_arrival', 'batch'] as const;
export type ProcessingMode = (typeof PROCESSING_MODES)[number];

export const HEADSHOT_STATES = ['waiting', 'queued', 'processing', 'in_review', 'failed', 'approved', 'rejected', 'superseded'] as const;
export type HeadshotStateName = (typeof HEADSHOT_STATES)[number];

export const StartBatchSchema = z.strictObject({
  /** Omit to take everyone whose latest selfie waits for processing. */
  employeeIds: z.array(z.uuid()).min(1).max(10_000).optional(),
});
export type StartBatchRequest = z.infer<typeof StartBatchSchema>;

export interface BatchProgressDto {
  id: string;
  styleVersionId: string;
  total: number;
  counts: Partial<Record<HeadshotStateName, number>>;
  done: boolean;
  /** Seconds left at the pace so far; null until the first headshot is finished. */
  etaSeconds: number | null;
  createdAt: string;
  failures: { headshotId: string; employeeId: string; name: string; reason: string }[];
}

export const OrgSettingsSchema = z.strictObject({
  /** The org's name; only an owner may change it. Left out: unchanged. */
  name: OrgNameSchema.optional(),
  processingMode: z.enum(PROCESSING_MODES),
  /** The employee side's language for people without their own (BCP 47); left out: unchanged. */
  defaultLanguage: DefaultLanguageSchema.optional(),
});
export type OrgSettings = z.infer<typeof OrgSettingsSchema>;

/** A language the employee side can speak, named in itself ("Deutsch"). */
export interface LanguageOptionDto {
  tag: string;
  name: string;
  dir: 'ltr' | 'rtl';
}

/** `GET /api/org/settings`: the settings, and the languages there are messages for. */
export interface OrgSettingsDto {
  name: string;
  processingMode: ProcessingMode;
  defaultLanguage: string;
  languages: LanguageOptionDto[];
}

/** `GET /api/i18n/:language`: the upload page's messages (ICU MessageFormat) in the best-matching language. */
export interface PageMessagesDto {
  language: string;
  dir: 'ltr' | 'rtl';
  messages: Record<string, string>;
}
