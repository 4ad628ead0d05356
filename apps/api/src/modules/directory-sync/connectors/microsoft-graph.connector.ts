import { ConnectorError, type DirectoryConnector, type DirectoryPerson, type DirectoryPhoto } from './directory-connector';
import { fetchWithRetry, refusal } from './connector-http';

/** Graph refuses profile photos of 4 MB or more. */
export const GRAPH_MAX_PHOTO_BYTES = 4 * 1024 * 1024;

export interface MicrosoftSettings {
  loginUrl: string;
  graphUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Microsoft 365 / Entra ID through Microsoft Graph: an app registration with the application permission
 * ProfilePhoto.ReadWrite.All, the client-credentials token flow, and
 * `PUT /v1.0/users/{UPN}/photo/$value` with the JPEG as the body (`DELETE` on the same path after an erasure).
 */
export class MicrosoftGraphConnector implements DirectoryConnector {
  readonly kind = 'microsoft' as const;
  private token: { value: string; until: number } | null = null;

  constructor(private readonly s: MicrosoftSettings) {}

  async pushPhoto(person: DirectoryPerson, photo: DirectoryPhoto): Promise<void> {
    if (photo.jpeg.length >= GRAPH_MAX_PHOTO_BYTES) throw new ConnectorError('The rendition is 4 MB or more, which Microsoft Graph refuses: choose a smaller JPEG rendition.', false);
    const res = await fetchWithRetry(
      `${this.s.graphUrl}/v1.0/users/${encodeURIComponent(person.email)}/photo/$value`,
      { method: 'PUT', headers: { authorization: `Bearer ${await this.accessToken()}`, 'content-type': 'image/jpeg' }, body: new Uint8Array(photo.jpeg) },
      'Microsoft Graph',
    );
    if (!res.ok) throw await refusal(res, 'Microsoft Graph');
    await res.body?.cancel();
  }

  async removePhoto(person: DirectoryPerson): Promise<void> {
    const res = await fetchWithRetry(
      `${this.s.graphUrl}/v1.0/users/${encodeURIComponent(person.email)}/photo/$value`,
      { method: 'DELETE', headers: { authorization: `Bearer ${await this.accessToken()}` } },
      'Microsoft Graph',
    );
    if (!res.ok && res.status !== 404) throw await refusal(res, 'Microsoft Graph');
    await res.body?.cancel();
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const res = await fetchWithRetry(
      `${this.s.loginUrl}/${encodeURIComponent(this.s.tenantId)}/oauth2/v2.0/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: this.s.clientId, client_secret: this.s.clientSecret, scope: 'https://graph.microsoft.com/.default', grant_type: 'client_credentials' }),
      },
      'Microsoft sign-in',
    );
    if (!res.ok) throw await refusal(res, 'Microsoft sign-in');
    const body = (await res.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new ConnectorError('Microsoft sign-in answered without an access token.', true);
    this.token = { value: body.access_token, until: Date.now() + Math.max(60, (body.expires_in ?? 3600) - 120) * 1000 };
    return body.access_token;
  }
}
