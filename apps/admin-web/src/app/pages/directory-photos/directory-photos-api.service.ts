import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { DirectoryConnectionDto, DirectoryConnectionRequest, DirectoryKind, DirectoryPersonSyncDto, DirectoryRunResult, StyleVersionDto } from '@teamframe/shared-types';
import { map, type Observable } from 'rxjs';

/** Directory photo sync (apps/api directory-sync.controller.ts) and the style's renditions to choose from. */
@Injectable({ providedIn: 'root' })
export class DirectoryPhotosApi {
  private readonly http = inject(HttpClient);

  list(): Observable<DirectoryConnectionDto[]> {
    return this.http.get<DirectoryConnectionDto[]>('/api/directory-sync');
  }

  people(): Observable<DirectoryPersonSyncDto[]> {
    return this.http.get<DirectoryPersonSyncDto[]>('/api/directory-sync/people');
  }

  save(kind: DirectoryKind, request: DirectoryConnectionRequest): Observable<DirectoryConnectionDto> {
    return this.http.put<DirectoryConnectionDto>(`/api/directory-sync/${kind}`, request);
  }

  remove(kind: DirectoryKind): Observable<void> {
    return this.http.delete<void>(`/api/directory-sync/${kind}`);
  }

  run(kind: DirectoryKind, dryRun: boolean): Observable<DirectoryRunResult> {
    return this.http.post<DirectoryRunResult>(`/api/directory-sync/${kind}/run`, { dryRun });
  }

  /** Names of the current style's sRGB JPEG renditions (directories take JPEG only, and show sRGB). */
  jpegRenditions(): Observable<string[]> {
    return this.http.get<StyleVersionDto[]>('/api/styles/versions').pipe(
      map((versions) => {
        const doc = versions.find((v) => v.current)?.document as { renditions?: { name: string; format: string; colourSpace?: string }[] } | undefined;
        return (doc?.renditions ?? []).filter((r) => r.format === 'jpeg' && r.colourSpace !== 'cmyk').map((r) => r.name);
      }),
    );
  }
}
