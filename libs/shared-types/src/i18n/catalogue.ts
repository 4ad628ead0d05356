import ar from './messages/ar.json';
import de from './messages/de.json';
import en from './messages/en.json';
import es from './messages/es.json';
import fr from './messages/fr.json';
import nl from './messages/nl.json';
import type { BuiltInLanguage } from './languages';

/**
 * The built-in translations, one flat JSON file per language in `messages/` (ICU MessageFormat).
 * English is the source: every other file has exactly its keys and placeholders (a unit test says so).
 * A company adds or overrides messages with files of the same shape in its own folder (I18N_DIR).
 */
export type MessageKey = keyof typeof en;
export type Messages = Record<string, string>;

export const BUILT_IN_MESSAGES: Record<BuiltInLanguage, Messages> = { en, de, fr, es, nl, ar };

/** English alone, for a page that must always have words (bundling it does not bundle the others). */
export const SOURCE_MESSAGES: Messages = en;

/** The key prefixes the employee's upload page needs (the rest are mails and consent, rendered by the API). */
export const PAGE_MESSAGE_PREFIXES = ['upload.', 'capture.', 'check.'] as const;

export function pageMessages(all: Messages): Messages {
  return Object.fromEntries(Object.entries(all).filter(([k]) => PAGE_MESSAGE_PREFIXES.some((p) => k.startsWith(p))));
}
