import { createSign } from 'node:crypto';
import { ConnectorError, type DirectoryConnector, type DirectoryPerson, type DirectoryPhoto } from './directory-connector';
import { fetchWithRetry, refusal } from './connector-http';

export const GOOGLE_SCOPE = 'https://www.googleapis.com/auth/admin.directory.user';

export interface GoogleSettings {
  tokenUrl: string;
  apiUrl: string;
  serviceAccountEmail: string;
  adminEmail: string;
  privateKeyPem: string;
}

/** Google's "web-safe" base64 (RFC 4648 §5 alphabet: - and _ instead of + and /), padding kept. */
export const webSafeBase64 = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');

/**
 * Google Workspace through the Admin SDK Directory API: a service account with domain-wide delegation
 * for the admin.directory.user scope signs a JWT (RS256) that names the admin it acts for (`sub`),
 * trades it for an access token, then `PUT /admin/directory/v1/users/{userKey}/photos/thumbnail`
 * (users.photos.update) with the JPEG in web-safe base64.
 */
export class GoogleAdminConnector implements DirectoryConnector {
  readonly kind = 'google' as const;
  private token: { value: string; until: number } | null = null;

  constructor(private readonly s: GoogleSettings) {}

  async pushPhoto(person: DirectoryPerson, photo: DirectoryPhoto): Promise<void> {
    const res = await fetchWithRetry(
      `${this.s.apiUrl}/admin/directory/v1/users/${encodeURIComponent(person.email)}/photos/thumbnail`,
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${await this.accessToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ photoData: webSafeBase64(photo.jpeg), mimeType: 'JPEG', width: photo.width, height: photo.height }),
      },
      'Google Admin SDK',
    );
    if (!res.ok) throw await refusal(res, 'Google Admin SDK');
    await res.body?.cancel();
  }

  /** users.photos.delete. */
  async removePhoto(person: DirectoryPerson): Promise<void> {
    const res = await fetchWithRetry(
      `${this.s.apiUrl}/admin/directory/v1/users/${encodeURIComponent(person.email)}/photos/thumbnail`,
      { method: 'DELETE', headers: { authorization: `Bearer ${await this.accessToken()}` } },
      'Google Admin SDK',
    );
    if (!res.ok && res.status !== 404) throw await refusal(res, 'Google Admin SDK');
    await res.body?.cancel();
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const res = await fetchWithRetry(
      this.s.tokenUrl,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: this.assertion() }) },
      'Google sign-in',
    );
    if (!res.ok) throw await refusal(res, 'Google sign-in');
    const body = (await res.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new ConnectorError('Google sign-in answered without an access token.', true);
    this.token = { value: body.access_token, until: Date.now() + Math.max(60, (body.expires_in ?? 3600) - 120) * 1000 };
    return body.access_token;
  }

  private assertion(): string {
    const now = Math.floor(Date.now() / 1000);
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: this.s.serviceAccountEmail, sub: this.s.adminEmail, scope: GOOGLE_SCOPE, aud: this.s.tokenUrl, iat: now, exp: now + 3600 })}`;
    try {
      return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(this.s.privateKeyPem).toString('base64url')}`;
    } catch {
      throw new ConnectorError('The service account private key cannot sign: paste the private_key from the JSON key file again.', false);
    }
  }
}
