import { DOCUMENT } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { formatCalendarDay, type MessageValues, type PageMessagesDto, SOURCE_MESSAGES, Translator } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';

/**
 * The upload page's language. The page starts in the browser's language and switches to the one the API
 * chose for the link (the employee's own, then the browser's, then the org's default). Messages come from
 * the API, so a company's own translation files apply; English is built in, so the page always has words.
 * Sets `lang` and `dir` on the document while the page is open (screen readers, fonts, right to left).
 */
@Injectable()
export class PageI18n {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  private readonly translator = signal(new Translator('en', SOURCE_MESSAGES, SOURCE_MESSAGES));
  /** The tag asked for last and its fetch: a slower earlier answer must not win, a repeat waits for the same one. */
  private wanted = '';
  private loading: Promise<void> = Promise.resolve();

  readonly locale = computed(() => this.translator().locale);
  readonly dir = computed(() => this.translator().dir);

  constructor() {
    const html = this.document.documentElement;
    const before = { lang: html.lang, dir: html.dir };
    inject(DestroyRef).onDestroy(() => {
      html.lang = before.lang;
      html.dir = before.dir;
    });
  }

  /** Switches to the closest language to `tag` there are messages for; keeps the current words when the messages cannot be fetched. */
  use(tag: string): Promise<void> {
    if (!tag || tag === this.wanted) return this.loading;
    this.wanted = tag;
    this.loading = this.load(tag);
    return this.loading;
  }

  private async load(tag: string): Promise<void> {
    try {
      const page = await firstValueFrom(this.http.get<PageMessagesDto>(`/api/i18n/${encodeURIComponent(tag)}`));
      if (this.wanted !== tag) return;
      this.translator.set(new Translator(page.language, page.messages, SOURCE_MESSAGES));
      this.document.documentElement.lang = page.language;
      this.document.documentElement.dir = page.dir;
    } catch {
      // Offline or an old server: the page stays readable in the language it has.
    }
  }

  t(key: string, values?: MessageValues): string {
    return this.translator().t(key, values);
  }

  /** A calendar day the way mails write it, in the page's language. */
  day(day: string | Date): string {
    return formatCalendarDay(day, this.locale());
  }
}

/** The browser's preferred language, for the first words before the link is read. */
export function browserLanguage(): string {
  return (typeof navigator !== 'undefined' && (navigator.languages?.[0] ?? navigator.language)) || 'en';
}
