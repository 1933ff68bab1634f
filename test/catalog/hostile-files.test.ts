// Files made to exhaust the desk: refused with a reason in seconds, before their cells are parsed,
// and the desk keeps answering afterwards.
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseImportOffThread } from '../../electron/services/catalog/import';
import { listInstruments } from '../../electron/services/catalog/instruments';
import { checkMarkupBounds, checkXlsxBounds, readGrid, SHEET_LIMITS } from '../../electron/services/tabular';
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

  it('bounds a workbook by what it is, not by its name: an .xlsx saved as .xls or .csv', async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>x</t></is></c><c r="XFD${i + 1}"><v>1</v></c></row>`).join('');
    const bytes = xlsx(rows, 'A1:XFD2000');
    await refusedQuickly('xfd.xls', bytes, 'import.tooManyColumns');
    await refusedQuickly('xfd.csv', bytes, 'import.tooManyColumns');
  });

  it('counts cells that carry no reference, and prefixed tags, before the cells are parsed', () => {
    const refusal = (reason: string) => expect.objectContaining({ error: expect.objectContaining({ reason }) });
    const noRef = xlsx(Array.from({ length: 3 }, () => `<row>${'<c><v>1</v></c>'.repeat(SHEET_LIMITS.columns + 1)}</row>`).join(''));
    expect(() => checkXlsxBounds(noRef)).toThrow(refusal('import.tooManyColumns'));
    const rowsNoRef = xlsx('<row><c><v>1</v></c></row>'.repeat(SHEET_LIMITS.rows + 1));
    expect(() => checkXlsxBounds(rowsNoRef)).toThrow(refusal('import.tooManyRows'));
    const prefixed = xlsx('<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="XFD1"><x:v>1</x:v></x:c></x:row>');
    expect(() => checkXlsxBounds(prefixed)).toThrow(refusal('import.tooManyColumns'));
    // 250 columns on 10,000 rows: each bound holds, the cells are too many.
    const dense = xlsx(Array.from({ length: 10_000 }, () => `<row>${'<c/>'.repeat(250)}</row>`).join(''));
    expect(() => checkXlsxBounds(dense)).toThrow(refusal('import.tooManyCells'));
  });

  it('refuses an OpenDocument or other zip saved as .xlsx before SheetJS reads it', async () => {
    const ods = zipSync({
      mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
      'content.xml': strToU8('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        + 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        + '<table:table table:name="S"><table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="16000"><text:p>x</text:p>'
        + '</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>'),
    });
    expect(() => checkXlsxBounds(ods)).toThrow(expect.objectContaining({ error: expect.objectContaining({ reason: 'import.unreadable' }) }));
    await refusedQuickly('ods.xlsx', ods, 'import.unreadable');
  });

  it('bounds an HTML table or Excel 2003 XML saved as .xls before SheetJS reads it', async () => {
    const html = `<html><body><table>${'<tr><td>x</td><td colspan="16000">y</td></tr>'.repeat(2_000)}</table></body></html>`;
    await refusedQuickly('html.xls', strToU8(html), 'import.tooManyColumns');
    const xml = (table: string) => `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table>${table}</Table></Worksheet></Workbook>`;
    await refusedQuickly('wide.xls', strToU8(xml('<Row><Cell><Data ss:Type="String">x</Data></Cell><Cell ss:Index="16384"><Data ss:Type="Number">1</Data></Cell></Row>'.repeat(2_000))), 'import.tooManyColumns');
    expect(() => checkMarkupBounds(strToU8(xml('<Row><Cell/></Row><Row ss:Index="3000000"><Cell/></Row>'))))
      .toThrow(expect.objectContaining({ error: expect.objectContaining({ reason: 'import.tooManyRows', params: { rows: 3_000_000, max: SHEET_LIMITS.rows } }) }));
    expect(() => checkMarkupBounds(strToU8('<table><tr><td rowspan="3000000">x</td></tr></table>'))).toThrow(expect.objectContaining({ error: expect.objectContaining({ reason: 'import.tooManyRows' }) }));
    // An ordinary HTML export passes and reads.
    const ok = readGrid('export.xls', Buffer.from('<html><meta charset="utf-8"><table><tr><td>仪器编号</td><td>仪器名称</td></tr><tr><td>A-1</td><td>离心机</td></tr></table></html>'), 'auto');
    expect(ok.rows).toEqual([['仪器编号', '仪器名称'], ['A-1', '离心机']]);
  });

  it('reads tab-separated text saved as .xls with the bounded text reader', async () => {
    const grid = readGrid('export.xls', Buffer.from('仪器编号\t仪器名称\t原值\nA-1\t离心机\t50000\n'), 'auto');
    expect(grid).toMatchObject({ kind: 'csv', rows: [['仪器编号', '仪器名称', '原值'], ['A-1', '离心机', '50000']] });
    await refusedQuickly('wide-tabs.xls', strToU8(`${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join('\t')}\n1\t2\n`), 'import.tooManyColumns');
  });

  it('bounds UTF-16 "Unicode text" with the same text reader: 100,000 columns or too many rows are refused', async () => {
    const utf16 = (text: string, order: 'le' | 'be') => {
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      return order === 'le' ? le : le.swap16();
    };
    const wide = `${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join('\t')}\r\n1\t2\r\n`;
    await refusedQuickly('wide.txt', utf16(wide, 'le'), 'import.tooManyColumns');
    await refusedQuickly('wide-be.txt', utf16(wide, 'be'), 'import.tooManyColumns');
    await refusedQuickly('long.txt', utf16('a\tb\r\n'.repeat(SHEET_LIMITS.rows + 5), 'le'), 'import.tooManyRows');
  });

  it('refuses a file that is not what its name says', async () => {
    await refusedQuickly('fake.xlsx', strToU8('not a zip at all'), 'import.unreadable');
  });
});
