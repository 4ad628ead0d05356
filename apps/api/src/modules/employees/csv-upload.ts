import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DomainError } from '../../core/http/domain-error';
import { CsvLimitError, type CsvLimits, CsvReader } from './csv';
import { MAX_IMPORT_ROWS } from './employee-import';
import { importUnreadable } from './employees.errors';

/** 20,000 rows fit well within 5 MB. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

/**
 * What an employee file may hold: the built-in columns, up to 20 custom fields and room for the
 * other columns HR exports carry; cells longer than any field allows; a record far longer than a
 * real person's row.
 */
export const IMPORT_CSV_LIMITS: CsvLimits = { maxRows: MAX_IMPORT_ROWS + 1, maxColumns: 100, maxCellChars: 1_000, maxRecordChars: 16_384 };

const tooLarge = () => new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB. Import at most ${MAX_IMPORT_ROWS} rows at a time.`);

/**
 * Reads a CSV request body as it arrives, chunk by chunk into the bounded reader, giving the event
 * loop a turn after each chunk: a hostile file is refused at the first bound it breaks (400, with
 * the line), without the whole body held as one string, and other requests keep being served.
 */
export async function readCsvUpload(body: Readable, declaredLength: number | undefined): Promise<{ rows: string[][]; lines: number[] }> {
  if (declaredLength !== undefined && declaredLength > MAX_CSV_BYTES) throw tooLarge();
  const reader = new CsvReader(IMPORT_CSV_LIMITS);
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  try {
    for await (const chunk of body) {
      bytes += (chunk as Buffer).length;
      if (bytes > MAX_CSV_BYTES) throw tooLarge();
      reader.push(decoder.write(chunk as Buffer));
      await nextTurn();
    }
    reader.push(decoder.end());
    return reader.end();
  } catch (e) {
    if (e instanceof CsvLimitError) throw importUnreadable(`The file cannot be imported: ${e.message}.`);
    if (e instanceof DomainError) throw e;
    // The client went away or the stream broke: nothing was imported.
    throw importUnreadable('The file did not arrive completely. Nothing was imported; send it again.');
  }
}
