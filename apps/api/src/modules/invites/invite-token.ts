import { createHash, createHmac } from 'node:crypto';
import type { AppConfig } from '../../core/config/config';

/**
 * An invite's token is HMAC-SHA256(server secret, invite id): 32 random-looking bytes that only the
 * server can compute. So the database stores only SHA-256(token), and a mail job carries only the
 * invite id — the worker derives the link when it writes the mail.
 */
export function inviteToken(secret: string, inviteId: string): string {
  return createHmac('sha256', secret).update(`invite:${inviteId}`).digest('base64url');
}

/** The employee's upload page for an invite: the one place a link is built (mails, HR's copy link). */
export function inviteLink(config: AppConfig, inviteId: string): string {
  return `${config.PUBLIC_URL}/u/${inviteToken(config.TEAMFRAME_SECRET!, inviteId)}`;
}

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 32 bytes in base64url is exactly 43 characters; anything else is refused before a lookup. */
export const WELL_FORMED_TOKEN = /^[A-Za-z0-9_-]{43}$/;
