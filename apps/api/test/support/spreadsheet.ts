/**
 * Splits CSV text the way a spreadsheet does when it assumes `separator` (`,` in English locales, `;`
 * in many others): quoted cells keep separators and line breaks, `""` is a quote. Written apart from
 * the product's own CSV code, so a test reading an export with it checks the product, not itself.
 */
export function readAsSpreadsheet(text: string, separator: ',' | ';'): string[][] {
  const src = text.replace(/^\ufeff/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (inQuotes) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else cell += c;
    } else if (c === '"') inQuotes = true;
    else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && src[i + 1] === '\n') {
      continue;
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

/** Cells a spreadsheet would run as a formula. */
export const formulaCells = (rows: string[][]) => rows.flat().filter((c) => /^[\t\r ]*[=+\-@]/.test(c));
