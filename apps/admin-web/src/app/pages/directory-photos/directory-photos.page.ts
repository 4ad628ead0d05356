import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import type { DirectoryConnectionDto, DirectoryConnectionRequest, DirectoryKind, DirectoryPersonSyncDto, DirectoryRunResult } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { PageAction } from '../../shared/page-action';
import { DirectoryPhotosApi } from './directory-photos-api.service';

interface Field {
  key: string;
  label: string;
  secret?: boolean;
  multiline?: boolean;
  hint?: string;
}

/** What each directory asks for; `secret` fields are write-only credentials. */
const DIRECTORIES: { kind: DirectoryKind; title: string; intro: string; fields: Field[] }[] = [
  {
    kind: 'microsoft',
    title: 'Microsoft 365 (Outlook, Teams)',
    intro: 'An app registration with the application permission ProfilePhoto.ReadWrite.All (admin consent granted).',
    fields: [
      { key: 'tenantId', label: 'Tenant ID' },
      { key: 'clientId', label: 'Application (client) ID' },
      { key: 'clientSecret', label: 'Client secret', secret: true },
    ],
  },
  {
    kind: 'google',
    title: 'Google Workspace (Gmail, Chat)',
    intro: 'A service account with domain-wide delegation for https://www.googleapis.com/auth/admin.directory.user.',
    fields: [
      { key: 'serviceAccountEmail', label: 'Service account e-mail' },
      { key: 'adminEmail', label: 'Admin it acts for', hint: 'A super admin of your domain' },
      { key: 'privateKeyPem', label: 'Private key (private_key from the JSON key)', secret: true, multiline: true },
    ],
  },
  {
    kind: 'bamboohr',
    title: 'BambooHR',
    intro: 'An API key of a user who may edit employee photos. People are matched by work e-mail.',
    fields: [
      { key: 'companyDomain', label: 'Company subdomain', hint: 'acme for acme.bamboohr.com' },
      { key: 'apiKey', label: 'API key', secret: true },
    ],
  },
];

const STATE_LABELS: Record<DirectoryPersonSyncDto['state'], string> = { pending: 'Waiting', queued: 'Sending', synced: 'Updated', failed: 'Failed', skipped: 'Not sent' };

@Component({
  selector: 'tf-directory-photos-page',
  imports: [DatePipe, FormsModule, MatTableModule, MatButton, MatIcon, MatFormField, MatLabel, MatHint, MatInput, MatSelect, MatOption, MatSlideToggle, MatProgressBar, ErrorBannerComponent],
  templateUrl: './directory-photos.page.html',
  styleUrl: './directory-photos.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DirectoryPhotosPage {
  private readonly api = inject(DirectoryPhotosApi);
  private readonly auth = inject(AuthService);
  protected readonly isOwner = computed(() => this.auth.user()?.role === 'owner');
  protected readonly directories = DIRECTORIES;
  protected readonly stateLabels = STATE_LABELS;
  protected readonly columns = ['person', 'directory', 'state', 'when'];

  protected readonly connections = signal<Record<string, DirectoryConnectionDto>>({});
  protected readonly renditions = signal<string[]>([]);
  protected readonly people = signal<DirectoryPersonSyncDto[]>([]);
  /** The form values per directory: config, credentials, enabled, rendition. */
  protected readonly drafts = signal<Record<string, Record<string, string>>>({});
  protected readonly enabled = signal<Record<string, boolean>>({});
  protected readonly runResult = signal<{ kind: DirectoryKind; result: DirectoryRunResult } | null>(null);
  protected readonly loading = signal(true);
  private readonly action = new PageAction();
  protected readonly busy = this.action.running;
  /** Why the load or the last action failed. */
  protected readonly error = this.action.error;

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const [list, renditions, people] = await Promise.all([firstValueFrom(this.api.list()), firstValueFrom(this.api.jpegRenditions()), firstValueFrom(this.api.people())]);
      this.connections.set(Object.fromEntries(list.map((c) => [c.kind, c])));
      this.renditions.set(renditions);
      this.people.set(people);
      this.drafts.set(Object.fromEntries(DIRECTORIES.map((d) => [d.kind, { ...(this.connections()[d.kind]?.config ?? {}), rendition: this.connections()[d.kind]?.rendition ?? renditions[0] ?? '' }])));
      this.enabled.set(Object.fromEntries(DIRECTORIES.map((d) => [d.kind, this.connections()[d.kind]?.enabled ?? true])));
    } catch (err) {
      this.error.set(toDisplayError(err));
    } finally {
      this.loading.set(false);
    }
  }

  protected value(kind: DirectoryKind, key: string): string {
    return this.drafts()[kind]?.[key] ?? '';
  }

  protected setValue(kind: DirectoryKind, key: string, v: string): void {
    this.drafts.update((d) => ({ ...d, [kind]: { ...d[kind], [key]: v } }));
  }

  protected setEnabled(kind: DirectoryKind, on: boolean): void {
    this.enabled.update((e) => ({ ...e, [kind]: on }));
  }

  protected async save(kind: DirectoryKind): Promise<void> {
    const d = DIRECTORIES.find((x) => x.kind === kind)!;
    const draft = this.drafts()[kind] ?? {};
    const config = Object.fromEntries(d.fields.filter((f) => !f.secret).map((f) => [f.key, (draft[f.key] ?? '').trim()]));
    const secrets = d.fields.filter((f) => f.secret && (draft[f.key] ?? '').trim());
    const credentials = secrets.length ? Object.fromEntries(secrets.map((f) => [f.key, draft[f.key].trim()])) : undefined;
    await this.action.run(async () => {
      const saved = await firstValueFrom(this.api.save(kind, { kind, enabled: this.enabled()[kind], rendition: draft['rendition'], config, credentials } as DirectoryConnectionRequest));
      this.connections.update((c) => ({ ...c, [kind]: saved }));
      // Credentials are write-only: clear them from the form once stored.
      this.drafts.update((all) => ({ ...all, [kind]: Object.fromEntries(Object.entries(all[kind]).filter(([k]) => !d.fields.some((f) => f.secret && f.key === k))) }));
    });
  }

  protected async sync(kind: DirectoryKind, dryRun: boolean): Promise<void> {
    await this.action.run(async () => {
      this.runResult.set({ kind, result: await firstValueFrom(this.api.run(kind, dryRun)) });
      if (!dryRun) setTimeout(() => void this.refreshPeople(), 3000);
    });
  }

  protected async disconnect(kind: DirectoryKind): Promise<void> {
    await this.action.run(async () => {
      await firstValueFrom(this.api.remove(kind));
      this.connections.update((c) => {
        const next = { ...c };
        delete next[kind];
        return next;
      });
    });
  }

  protected async refreshPeople(): Promise<void> {
    this.people.set(await firstValueFrom(this.api.people()));
  }

  protected directoryTitle(kind: DirectoryKind): string {
    return DIRECTORIES.find((d) => d.kind === kind)!.title;
  }

  protected stateLabel(p: DirectoryPersonSyncDto): string {
    return STATE_LABELS[p.state];
  }
}
