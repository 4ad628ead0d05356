import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterOutlet } from '@angular/router';
import { AuthService } from './core/auth.service';

@Component({
  selector: 'tf-root',
  imports: [RouterOutlet, MatProgressBar],
  template: `
    @if (auth.status() === 'unknown') {
      <mat-progress-bar class="tf-boot-progress" mode="indeterminate" aria-label="Loading Teamframe" />
    }
    <router-outlet />
  `,
  styles: `
    .tf-boot-progress {
      position: fixed;
      inset: 0 0 auto 0;
      z-index: 10;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppComponent {
  protected readonly auth = inject(AuthService);
}
