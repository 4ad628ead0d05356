import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { StylePresetDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { StyleApi } from './style-api.service';
import { isEditableStyle, nameAfterPreset, presetThumb } from './style-draft';
import { StyleDraftService } from './style-draft.service';

/** "Start from a preset": the ready-made styles, each drawn small, that the draft can start over from. */
@Component({
  selector: 'tf-presets-menu',
  imports: [MatButton, MatIcon, MatMenu, MatMenuItem, MatMenuTrigger],
  templateUrl: './presets-menu.component.html',
  styleUrl: './presets-menu.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PresetsMenuComponent {
  protected readonly draft = inject(StyleDraftService);
  private readonly api = inject(StyleApi);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly presets = signal<StylePresetDto[]>([]);
  protected readonly presetThumbs = computed(() => new Map(this.presets().flatMap((p) => (isEditableStyle(p.document) ? [[p.id, presetThumb(p.document)] as const] : []))));
  protected readonly presetsError = signal<DisplayError | null>(null);

  constructor() {
    void this.loadPresets();
  }

  protected async loadPresets(): Promise<void> {
    this.presetsError.set(null);
    try {
      this.presets.set(await firstValueFrom(this.api.presets()));
    } catch (err) {
      this.presetsError.set(toDisplayError(err));
    }
  }

  protected usePreset(preset: StylePresetDto): void {
    if (!isEditableStyle(preset.document)) return;
    // The style takes the preset's name, so it says what it looks like; a name the org gave it stays.
    const name = nameAfterPreset(this.draft.doc()?.name, preset.document.name, this.presets().map((p) => p.name));
    this.draft.startFrom({ ...preset.document, name }, `the ${preset.name} preset`, false);
    this.snackBar.open(`Started from the ${preset.name} preset. Save to use it.`, 'OK', { duration: 4000 });
  }
}
