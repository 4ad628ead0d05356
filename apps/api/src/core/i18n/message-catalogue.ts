import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { BUILT_IN_MESSAGES, canonicalTag, lintMessages, type Messages, pageMessages, registerLanguages, SOURCE_LANGUAGE, textDirection, Translator, baseLanguage, type PageMessagesDto, supportedTag } from '@teamframe/shared-types';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** A company translation file that cannot be used: the API refuses to start and says which and why. */
export class TranslationFileError extends Error {}

/**
 * Reads a company's translation folder: one `<language>.json` per language (`de.json`, `pl.json`), a flat
 * object of message key → ICU message, the same shape as the built-in files. Each message must be a known
 * key, parse, and ask for the same placeholders as the English one; a file may be partial (the rest comes
 * from the built-in language, else English). Returns the messages by base language.
 */
export function readTranslationDir(dir: string): Record<string, Messages> {
  const out: Record<string, Messages> = {};
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch (e) {
    throw new TranslationFileError(`I18N_DIR ${dir} cannot be read: ${(e as Error).message}`);
  }
  for (const file of files.sort()) {
    const tag = canonicalTag(file.slice(0, -'.json'.length));
    if (!tag || tag.includes('-')) throw new TranslationFileError(`${path.join(dir, file)}: name the file after a language, e.g. de.json or pl.json`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    } catch (e) {
      throw new TranslationFileError(`${path.join(dir, file)}: not valid JSON (${(e as Error).message})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TranslationFileError(`${path.join(dir, file)}: must be one JSON object of message key → message`);
    const problems = lintMessages(tag, parsed as Record<string, unknown>, BUILT_IN_MESSAGES.en, false);
    if (problems.length) throw new TranslationFileError(`${path.join(dir, file)}: ${problems.slice(0, 10).join('; ')}`);
    out[tag] = parsed as Messages;
  }
  return out;
}

/**
 * Every message of the employee side: the built-in languages, with a company's files from I18N_DIR laid
 * over them (read once at start). Languages only the company's folder has become valid for employees.
 */
@Injectable()
export class MessageCatalogue {
  private readonly logger = new Logger(MessageCatalogue.name);
  private readonly byLanguage = new Map<string, Messages>();
  private readonly translators = new Map<string, Translator>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    for (const [lang, messages] of Object.entries(BUILT_IN_MESSAGES)) this.byLanguage.set(lang, { ...messages });
    if (config.I18N_DIR) {
      const own = readTranslationDir(path.resolve(config.I18N_DIR));
      for (const [lang, messages] of Object.entries(own)) this.byLanguage.set(lang, { ...this.byLanguage.get(lang), ...messages });
      registerLanguages(Object.keys(own));
      if (Object.keys(own).length) this.logger.log({ languages: Object.keys(own) }, 'company translation files loaded');
    }
  }

  /** A translator for a tag (`de-CH`: German messages, Swiss dates); an unknown language gets English. */
  translator(tag: string): Translator {
    const locale = supportedTag(tag) ?? SOURCE_LANGUAGE;
    let t = this.translators.get(locale);
    if (!t) {
      t = new Translator(locale, this.byLanguage.get(baseLanguage(locale)) ?? {}, this.byLanguage.get(SOURCE_LANGUAGE));
      this.translators.set(locale, t);
    }
    return t;
  }

  /** What the upload page needs in one language, English filling the gaps of a partial company file. */
  pageMessages(tag: string): PageMessagesDto {
    const language = supportedTag(tag) ?? SOURCE_LANGUAGE;
    const messages = { ...this.byLanguage.get(SOURCE_LANGUAGE), ...this.byLanguage.get(baseLanguage(language)) };
    return { language, dir: textDirection(language), messages: pageMessages(messages) };
  }
}
