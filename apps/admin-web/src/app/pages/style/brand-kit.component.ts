import { ChangeDetectionStrategy, Component, computed, inject, input, model, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardSubtitle, MatCardTitle } from '@angular/material/card';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { BrandKitDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { BrandApi } from './brand-api.service';
import { brandImageProblem, MAX_BRAND_COLOURS, normaliseHex } from './style-draft';

/**
 * The org's logo and brand colours. Saved straight away, outside the style versions: the logo shows
 * on invite mails and the upload page, the colours next to the style editor's colour pickers.
 */
@Component({
  selector: 'tf-brand-kit',
  imports: [
    FormsModule,
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardSubtitle,
    MatCardContent,
    MatFormField,
    MatLabel,
    MatInput,
    MatButton,
    MatIconButton,
    MatIcon,
    MatProgressBar,
    ErrorBannerComponent,
  ],
  template: `
    <mat-card appearance="outlined">
      @if (busy()) {
        <mat-progress-bar class="tf-card-progress" mode="indeterminate" [attr.aria-label]="busy()" />
      }
      <mat-card-header>
        <mat-card-title><h2 class="tf-card-heading" tabindex="-1">Brand kit</h2></mat-card-title>
        <mat-card-subtitle>Saved straight away for the whole organisation; not part of the style versions.</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (loadError(); as e) {
          <tf-error-banner heading="Could not load the brand kit." [error]="e" retryLabel="Try again" (retry)="reload.emit()" />
        }

        <h3 class="tf-sub-heading">Logo</h3>
        <p class="tf-muted tf-help">Shown on invite emails and on your team's upload page. JPEG, PNG or WebP, up to 10 MB; a transparent PNG works best.</p>
        <div class="tf-logo-row">
          <div class="tf-logo-frame">
            @if (kit()?.logoUrl; as url) {
              <img [src]="url + '?v=' + logoStamp()" alt="Your current logo" />
            } @else {
              <span class="tf-muted">No logo yet</span>
            }
          </div>
          <div class="tf-logo-actions">
            <input #logoInput type="file" hidden accept="image/jpeg,image/png,image/webp" (change)="onLogoChosen(logoInput)" />
            <button matButton="outlined" type="button" [disabled]="!!busy() || !kit()" (click)="logoInput.click()">
              <mat-icon aria-hidden="true">upload</mat-icon>
              {{ kit()?.logoUrl ? 'Replace logo' : 'Upload logo' }}
            </button>
            @if (kit()?.logoUrl) {
              <button matButton type="button" [disabled]="!!busy()" (click)="removeLogo()">
                <mat-icon aria-hidden="true">delete</mat-icon>
                Remove
              </button>
            }
          </div>
        </div>
        @if (logoError(); as e) {
          <tf-error-banner class="tf-banner" heading="The logo was not changed." [error]="e" />
        }

        <h3 class="tf-sub-heading">Brand colours</h3>
        <p class="tf-muted tf-help">Up to {{ maxColours }} colours, offered as one-click choices next to the background colour pickers.</p>
        @if (colours().length) {
          <ul class="tf-colours">
            @for (c of colours(); track $index; let i = $index) {
              <li class="tf-colour">
                <input
                  type="color"
                  class="tf-swatch"
                  [attr.aria-label]="'Brand colour ' + (i + 1)"
                  [value]="c"
                  (input)="editColour(i, $any($event.target).value)"
                />
                <code>{{ c }}</code>
                <button matIconButton type="button" [attr.aria-label]="'Remove brand colour ' + c" (click)="removeColour(i)">
                  <mat-icon aria-hidden="true">close</mat-icon>
                </button>
              </li>
            }
          </ul>
        } @else if (kit()) {
          <p class="tf-muted">No brand colours yet.</p>
        }
        @if (colours().length < maxColours) {
          <form class="tf-add-colour" (submit)="$event.preventDefault(); addColour()">
            <input type="color" class="tf-swatch" aria-label="New brand colour" [value]="newColourValid() ?? '#1f3a5f'" (input)="newColour.set($any($event.target).value)" />
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>New colour</mat-label>
              <input matInput name="newColour" spellcheck="false" placeholder="#1f3a5f" [ngModel]="newColour()" (ngModelChange)="newColour.set($event)" />
            </mat-form-field>
            <button matButton="outlined" type="submit" [disabled]="!newColourValid() || !kit()">
              <mat-icon aria-hidden="true">add</mat-icon>
              Add
            </button>
          </form>
          @if (newColour() && !newColourValid()) {
            <p class="tf-field-error">Enter a hex colour like #1f3a5f.</p>
          }
        }
        <div class="tf-colour-actions">
          <button matButton="filled" type="button" [disabled]="!coloursDirty() || !!busy()" (click)="saveColours()">
            {{ busy() === 'Saving the brand colours' ? 'Saving…' : 'Save colours' }}
          </button>
          @if (coloursDirty()) {
            <button matButton type="button" [disabled]="!!busy()" (click)="resetColours()">Undo changes</button>
            <span class="tf-muted">Unsaved colour changes.</span>
          }
        </div>
        @if (coloursError(); as e) {
          <tf-error-banner class="tf-banner" heading="The colours were not saved." [error]="e" />
        }
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: './brand-kit.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BrandKitComponent {
  private readonly api = inject(BrandApi);
  private readonly snackBar = inject(MatSnackBar);

  /** Shared with the page, which offers the saved colours in the style editor. */
  readonly kit = model<BrandKitDto | null>(null);
  readonly loadError = input<DisplayError | null>(null);
  readonly reload = output<void>();

  protected readonly maxColours = MAX_BRAND_COLOURS;
  /** What is being done, for the progress bar's label; null when idle. */
  protected readonly busy = signal<string | null>(null);
  protected readonly logoError = signal<DisplayError | null>(null);
  protected readonly coloursError = signal<DisplayError | null>(null);
  /** The logo URL never changes; this makes the browser fetch the new image after an upload. */
  protected readonly logoStamp = signal(Date.now());

  /** The colours being edited; saved ones are in `kit`. */
  private readonly edited = signal<string[] | null>(null);
  protected readonly colours = computed(() => this.edited() ?? this.kit()?.colours ?? []);
  protected readonly coloursDirty = computed(() => {
    const e = this.edited();
    return !!e && JSON.stringify(e) !== JSON.stringify(this.kit()?.colours ?? []);
  });
  protected readonly newColour = signal('');
  protected readonly newColourValid = computed(() => normaliseHex(this.newColour()));

  protected async onLogoChosen(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.logoError.set(null);
    const problem = brandImageProblem(file);
    if (problem) {
      this.logoError.set({ code: 'UNSUPPORTED_MEDIA_TYPE', message: problem, requestId: null, status: 415 });
      return;
    }
    this.busy.set('Uploading the logo');
    try {
      this.kit.set(await firstValueFrom(this.api.uploadLogo(file)));
      this.logoStamp.set(Date.now());
      this.snackBar.open('Logo saved. Invite emails and the upload page show it now.', 'OK', { duration: 5000 });
    } catch (err) {
      this.logoError.set(toDisplayError(err));
    } finally {
      this.busy.set(null);
    }
  }

  protected async removeLogo(): Promise<void> {
    this.logoError.set(null);
    this.busy.set('Removing the logo');
    try {
      this.kit.set(await firstValueFrom(this.api.removeLogo()));
      this.snackBar.open('Logo removed.', 'OK', { duration: 4000 });
    } catch (err) {
      this.logoError.set(toDisplayError(err));
    } finally {
      this.busy.set(null);
    }
  }

  protected editColour(index: number, value: string): void {
    const hex = normaliseHex(value);
    if (!hex) return;
    this.edited.set(this.colours().map((c, i) => (i === index ? hex : c)));
  }

  protected removeColour(index: number): void {
    this.edited.set(this.colours().filter((_, i) => i !== index));
  }

  protected addColour(): void {
    const hex = this.newColourValid();
    if (!hex || this.colours().length >= MAX_BRAND_COLOURS) return;
    if (!this.colours().includes(hex)) this.edited.set([...this.colours(), hex]);
    this.newColour.set('');
  }

  protected resetColours(): void {
    this.edited.set(null);
    this.coloursError.set(null);
  }

  protected async saveColours(): Promise<void> {
    const colours = this.edited();
    if (!colours) return;
    this.coloursError.set(null);
    this.busy.set('Saving the brand colours');
    try {
      this.kit.set(await firstValueFrom(this.api.setColours(colours)));
      this.edited.set(null);
      this.snackBar.open('Brand colours saved.', 'OK', { duration: 4000 });
    } catch (err) {
      this.coloursError.set(toDisplayError(err));
    } finally {
      this.busy.set(null);
    }
  }
}
