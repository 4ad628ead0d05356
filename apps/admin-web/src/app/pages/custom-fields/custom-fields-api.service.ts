import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreateCustomFieldRequest, CustomFieldDto, UpdateCustomFieldRequest } from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

/** The org's custom employee fields (apps/api custom-fields.controller.ts, owner and HR admin). */
@Injectable({ providedIn: 'root' })
export class CustomFieldsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<CustomFieldDto[]> {
    return this.http.get<CustomFieldDto[]>('/api/custom-fields');
  }

  create(request: CreateCustomFieldRequest): Observable<CustomFieldDto> {
    return this.http.post<CustomFieldDto>('/api/custom-fields', request);
  }

  update(id: string, patch: UpdateCustomFieldRequest): Observable<CustomFieldDto> {
    return this.http.patch<CustomFieldDto>(`/api/custom-fields/${encodeURIComponent(id)}`, patch);
  }

  /** Deletes the field and every employee's value of it. */
  remove(id: string): Observable<{ valuesRemoved: number }> {
    return this.http.delete<{ valuesRemoved: number }>(`/api/custom-fields/${encodeURIComponent(id)}`);
  }
}
