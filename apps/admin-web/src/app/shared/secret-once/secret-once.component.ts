import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';

/** A secret the server shows exactly once (API token, SCIM token, webhook secret): copy it now or lose it. */
@Component({
  selector: 'tf-secret-once',
  imports: [MatButton, MatIcon],
  template: `
    <section class="tf-secret" role="status" [attr.aria-label]="label()">
      <p class="tf-secret-title"><mat-icon aria-hidden="true">key</mat-icon>{{ label() }}</p>
      <p class="tf-secret-hint">Copy it now: Teamframe will not show it again.</p>
      <div class="tf-secret-row">
        <code class="tf-secret-value" data-testid="secret">{{ secret() }}</code>
        <button matButton="outlined" type="button" (click)="copy()">
          <mat-icon aria-hidden="true">{{ copied() ? 'check' : 'content_copy' }}</mat-icon>{{ copied() ? 'Copied' : 'Copy' }}
        </button>
        <button matButton type="button" (click)="dismissed.emit()">Done</button>
      </div>
    </section>
  `,
  styles: `
    .tf-secret {
      margin: 0 0 16px;
      padding: 16px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .tf-secret-title {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    .tf-secret-hint {
      margin: 4px 0 12px;
      font: var(--mat-sys-body-small);
    }
    .tf-secret-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .tf-secret-value {
      flex: 1 1 320px;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      overflow-wrap: anywhere;
      user-select: all;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecretOnceComponent {
  readonly label = input.required<string>();
  readonly secret = input.required<string>();
  readonly dismissed = output<void>();
  protected readonly copied = signal(false);

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.secret());
      this.copied.set(true);
    } catch {
      // No clipboard (plain http, permission refused): the value is selectable by hand.
      this.copied.set(false);
    }
  }
}
