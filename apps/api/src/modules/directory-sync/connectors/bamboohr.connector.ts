import { ConnectorError, type DirectoryConnector, type DirectoryPerson, type DirectoryPhoto } from './directory-connector';
import { fetchWithRetry, refusal } from './connector-http';

const DIRECTORY_MIN_AGE_MS = 60_000;
const DIRECTORY_MAX_AGE_MS = 10 * 60_000;

export interface BambooHrSettings {
  apiUrl: string;
  companyDomain: string;
  apiKey: string;
}

/**
 * BambooHR (the HRIS example): HTTP Basic with the API key as the user name and any password, the
 * employee found by work e-mail in `GET /v1/employees/directory`, then
 * `POST /v1/employees/{id}/photo` with the JPEG as the multipart field `file`. Its API has no way to
 * remove a photo, so there is no removePhoto: after an erasure HR removes it by hand (the docs say so).
 */
export class BambooHrConnector implements DirectoryConnector {
  readonly kind = 'bamboohr' as const;
  private directory: { ids: Map<string, string>; at: number } | null = null;

  constructor(private readonly s: BambooHrSettings) {}

  private get base(): string {
    return `${this.s.apiUrl}/api/gateway.php/${encodeURIComponent(this.s.companyDomain)}/v1`;
  }

  private get auth(): string {
    return `Basic ${Buffer.from(`${this.s.apiKey}:x`).toString('base64')}`;
  }

  async pushPhoto(person: DirectoryPerson, photo: DirectoryPhoto): Promise<void> {
    // Someone hired since the directory was read: read it again (at most once a minute).
    let id = (await this.employeeIds(false)).get(person.email.toLowerCase());
    if (!id && Date.now() - this.directory!.at > DIRECTORY_MIN_AGE_MS) id = (await this.employeeIds(true)).get(person.email.toLowerCase());
    if (!id) throw new ConnectorError(`No BambooHR employee has the work e-mail ${person.email}.`, false);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(photo.jpeg)], { type: 'image/jpeg' }), 'headshot.jpg');
    const res = await fetchWithRetry(`${this.base}/employees/${encodeURIComponent(id)}/photo`, { method: 'POST', headers: { authorization: this.auth }, body: form }, 'BambooHR');
    if (!res.ok) throw await refusal(res, 'BambooHR');
    await res.body?.cancel();
  }

  /** Work e-mail → BambooHR employee id, read once and kept for up to ten minutes. */
  private async employeeIds(refresh: boolean): Promise<Map<string, string>> {
    if (this.directory && !refresh && Date.now() - this.directory.at < DIRECTORY_MAX_AGE_MS) return this.directory.ids;
    const res = await fetchWithRetry(`${this.base}/employees/directory`, { headers: { authorization: this.auth, accept: 'application/json' } }, 'BambooHR');
    if (!res.ok) throw await refusal(res, 'BambooHR');
    const body = (await res.json()) as { employees?: { id: string | number; workEmail?: string | null }[] };
    const ids = new Map((body.employees ?? []).filter((e) => e.workEmail).map((e) => [e.workEmail!.toLowerCase(), String(e.id)]));
    this.directory = { ids, at: Date.now() };
    return ids;
  }
}
