// Files made to exhaust the desk: refused with a reason in seconds, before their cells are parsed,
// and the desk keeps answering afterwards.
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseImportOffThread } from '../../electron/services/catalog/import';
import { listInstruments } from '../../electron/services/catalog/instruments';
import { readGrid, SHEET_LIMITS } from '../../electron/services/tabular';
import { DESK_SHEET } from '../../shared/catalog/template';
import { tempCore, type TempCore } from '../helpers/db';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

/** A minimal .xlsx whose one sheet has the given <sheetData> body. */
function xlsx(sheetData: string, dimension = 'A1'): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    'xl/workbook.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      + 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
      + `<dimension ref="${dimension}"/><sheetData>${sheetData}</sheetData></worksheet>`),
  };
  return zipSync(files, { level: 9 });
}

const src = (fileName: string, bytes: Uint8Array) => ({ fileName, dataBase64: Buffer.from(bytes).toString('base64'), encoding: 'auto' as const });

/**
 * Refused in seconds by the read the parse worker runs (timed here on this thread, so the time is
 * the guard's and not the worker's start-up), and refused the same through the worker itself.
 */
async function refusedQuickly(fileName: string, bytes: Uint8Array, reason: string): Promise<number> {
  const refusal = expect.objectContaining({ error: expect.objectContaining({ code: 'VALIDATION', reason, field: 'file' }) });
  const t0 = performance.now();
  expect(() => readGrid(fileName, Buffer.from(bytes), 'auto', undefined, [DESK_SHEET])).toThrow(refusal);
  const ms = performance.now() - t0;
  expect(ms).toBeLessThan(5_000);
  await expect(parseImportOffThread(core.ctx, src(fileName, bytes))).rejects.toThrow(refusal);
  // The desk still answers.
  expect(listInstruments(core.ctx, {}).total).toBe(0);
  return ms;
}

describe('hostile files', () => {
  it('refuses a small .xlsx that names a cell in column XFD on each row', async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>x</t></is></c><c r="XFD${i + 1}"><v>1</v></c></row>`).join('');
    const bytes = xlsx(rows, 'A1:XFD2000');
    expect(bytes.length).toBeLessThan(20_000);
    await refusedQuickly('xfd.xlsx', bytes, 'import.tooManyColumns');
  });

  it('refuses an .xlsx that declares rows into the millions', async () => {
    await refusedQuickly('rows.xlsx', xlsx('<row r="1"><c r="A1"><v>1</v></c></row><row r="3000000"><c r="A3000000"><v>1</v></c></row>', 'A1:A3000000'), 'import.tooManyRows');
  });

  it('refuses an .xlsx with more real rows than an import takes', async () => {
    const rows = Array.from({ length: SHEET_LIMITS.rows + 10 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    await refusedQuickly('many.xlsx', xlsx(rows), 'import.tooManyRows');
  });

  it('refuses a zip whose entries unpack beyond the limit, from the sizes it declares', async () => {
    const bytes = xlsx('<row r="1"><c r="A1"><v>1</v></c></row>');
    // Central directory entries (PK\x01\x02) carry the uncompressed size at offset 24: claim 1 GB for each.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i + 4 <= bytes.length; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 1 << 30, true);
    await refusedQuickly('bomb.xlsx', bytes, 'import.tooLarge');
  });

  it('refuses a CSV with 100,000 columns', async () => {
    await refusedQuickly('wide.csv', strToU8(`${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\r\n1,2\r\n`), 'import.tooManyColumns');
  });

  it('refuses a CSV with more rows than an import takes', async () => {
    await refusedQuickly('long.csv', strToU8('a,b\n'.repeat(SHEET_LIMITS.rows + 5)), 'import.tooManyRows');
  });

  it('refuses a file that is not what its name says', async () => {
    await refusedQuickly('fake.xlsx', strToU8('not a zip at all'), 'import.unreadable');
  });
});
