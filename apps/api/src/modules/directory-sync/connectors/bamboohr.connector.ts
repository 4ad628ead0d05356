import { ConnectorError, type DirectoryConnector, type DirectoryPerson, type DirectoryPhoto } from './directory-connector';
import { fetchWithRetry, refusal } from './connector-http';

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
  private directory: Map<string, string> | null = null;

  constructor(private readonly s: BambooHrSettings) {}

  private get base(): string {
    return `${this.s.apiUrl}/api/gateway.php/${encodeURIComponent(this.s.companyDomain)}/v1`;
  }

  private get auth(): string {
    return `Basic ${Buffer.from(`${this.s.apiKey}:x`).toString('base64')}`;
  }

  async pushPhoto(person: DirectoryPerson, photo: DirectoryPhoto): Promise<void> {
    const id = (await this.employeeIds()).get(person.email.toLowerCase());
    if (!id) throw new ConnectorError(`No BambooHR employee has the work e-mail ${person.email}.`, false);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(photo.jpeg)], { type: 'image/jpeg' }), 'headshot.jpg');
    const res = await fetchWithRetry(`${this.base}/employees/${encodeURIComponent(id)}/photo`, { method: 'POST', headers: { authorization: this.auth }, body: form }, 'BambooHR');
    if (!res.ok) throw await refusal(res, 'BambooHR');
    await res.body?.cancel();
  }

  /** Work e-mail → BambooHR employee id, read once per connector instance (one job run). */
  private async employeeIds(): Promise<Map<string, string>> {
    if (this.directory) return this.directory;
    const res = await fetchWithRetry(`${this.base}/employees/directory`, { headers: { authorization: this.auth, accept: 'application/json' } }, 'BambooHR');
    if (!res.ok) throw await refusal(res, 'BambooHR');
    const body = (await res.json()) as { employees?: { id: string | number; workEmail?: string | null }[] };
    this.directory = new Map((body.employees ?? []).filter((e) => e.workEmail).map((e) => [e.workEmail!.toLowerCase(), String(e.id)]));
    return this.directory;
  }
}
