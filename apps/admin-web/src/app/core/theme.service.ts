import { DOCUMENT } from '@angular/common';
import { computed, effect, inject, Injectable, signal } from '@angular/core';

export type ThemeMode = 'light' | 'dark';

const STORAGE_KEY = 'teamframe.theme';

/**
 * Light or dark. Until the user picks one we follow the operating system; once they toggle, the
 * choice is kept in localStorage. The Material theme is built with `light-dark()` colours, so setting
 * `color-scheme` on <html> is all it takes to switch.
 */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly document = inject(DOCUMENT);
  private readonly media = this.document.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
  private readonly stored = signal<ThemeMode | null>(readStored(this.document));
  private readonly systemDark = signal(this.media?.matches ?? false);

  readonly mode = computed<ThemeMode>(() => this.stored() ?? (this.systemDark() ? 'dark' : 'light'));

  constructor() {
    this.media?.addEventListener('change', (e) => this.systemDark.set(e.matches));
    effect(() => {
      const root = this.document.documentElement;
      const mode = this.mode();
      root.style.colorScheme = mode;
      root.classList.toggle('tf-dark', mode === 'dark');
    });
  }

  toggle(): void {
    const next: ThemeMode = this.mode() === 'dark' ? 'light' : 'dark';
    this.stored.set(next);
    try {
      this.document.defaultView?.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage can be disabled (private mode, policy); the toggle still works for this visit.
    }
  }
}

function readStored(doc: Document): ThemeMode | null {
  try {
    const value = doc.defaultView?.localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}
