import { IntlMessageFormat } from 'intl-messageformat';

/** AST element types of @formatjs/icu-messageformat-parser that name an argument. */
const ARGUMENT_TYPES = new Set([1, 2, 3, 4, 5, 6]);

interface AstNode {
  type: number;
  value?: string;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

/**
 * The placeholders a message uses, as "name:kind" (`firstName:argument`, `days:plural`), sorted. Throws
 * when the message is not valid ICU MessageFormat. Used to check that a translation asks for exactly the
 * values the English message does (unit tests, and a company's files when the API starts).
 */
export function placeholders(message: string, locale = 'en'): string[] {
  const found = new Set<string>();
  const walk = (nodes: AstNode[]) => {
    for (const n of nodes) {
      if (ARGUMENT_TYPES.has(n.type) && n.value) found.add(`${n.value}:${KIND[n.type]}`);
      for (const o of Object.values(n.options ?? {})) walk(o.value);
      if (n.children) walk(n.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as unknown as AstNode[]);
  return [...found].sort();
}

const KIND: Record<number, string> = { 1: 'argument', 2: 'number', 3: 'date', 4: 'time', 5: 'select', 6: 'plural' };

/**
 * Problems of one language's messages against the English source: keys English lacks, messages that do
 * not parse, placeholders that differ. Empty when the file is sound. `complete` also reports missing keys.
 */
export function lintMessages(locale: string, messages: Record<string, unknown>, source: Record<string, string>, complete: boolean): string[] {
  const problems: string[] = [];
  for (const [key, message] of Object.entries(messages)) {
    if (!(key in source)) {
      problems.push(`${key}: not a known message key`);
      continue;
    }
    if (typeof message !== 'string') {
      problems.push(`${key}: must be a string`);
      continue;
    }
    try {
      const want = placeholders(source[key]).join(', ');
      const got = placeholders(message, locale).join(', ');
      if (want !== got) problems.push(`${key}: placeholders {${got}} differ from the English {${want}}`);
    } catch (e) {
      problems.push(`${key}: not valid ICU MessageFormat (${(e as Error).message})`);
    }
  }
  if (complete) for (const key of Object.keys(source)) if (!(key in messages)) problems.push(`${key}: missing`);
  return problems;
}
