import PdfPrinter from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ServiceContext } from '../context';
import { cjkFontBytes } from './cjk-font';

/** The font family name documents use for all text (set it in defaultStyle.font and chart SVGs). */
export const CJK_FAMILY = 'CJK';

let printer: { key: string; printer: PdfPrinter } | null = null;

/** Renders a pdfmake document with the CJK family; the printer is kept per font so repeated exports stay fast. */
export function renderPdf(ctx: ServiceContext, doc: TDocumentDefinitions): Promise<Buffer> {
  const font = cjkFontBytes(ctx);
  if (printer?.key !== font.key) {
    const f = font.bytes;
    printer = { key: font.key, printer: new PdfPrinter({ [CJK_FAMILY]: { normal: f, bold: f, italics: f, bolditalics: f } }) };
  }
  const pdf = printer.printer.createPdfKitDocument(doc);
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}
