import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardActions, MatCardContent } from '@angular/material/card';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'tf-not-found-page',
  imports: [MatCard, MatCardContent, MatCardActions, MatButton, RouterLink],
  template: `
    <main class="tf-centered-page">
      <mat-card appearance="outlined" class="tf-narrow-card">
        <mat-card-content>
          <h1 class="tf-not-found-title">Page not found</h1>
          <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
        </mat-card-content>
        <mat-card-actions>
          <a mat-flat-button routerLink="/">Go to the dashboard</a>
        </mat-card-actions>
      </mat-card>
    </main>
  `,
  styles: `
    .tf-not-found-title {
      margin: 8px 0;
      font: var(--mat-sys-headline-small);
    }
    mat-card-actions {
      padding: 0 16px 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
