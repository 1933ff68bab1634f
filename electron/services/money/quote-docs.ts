// 报价单 as PDF (the desk's form frame, as the 费用结算单) and .xlsx: the open unit and the applicant,
// the price group, the quote's date and validity, each line (item, quantity, unit price, amount),
// the total in figures and in 大写, the contract or order that adopted it, the unit's bank details
// and the seal area. The same document serves a Beijing contract and a Shanghai order.
import ExcelJS from 'exceljs';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { FileDownload } from '../../../shared/ipc/catalog';
import type { Quote } from '../../../shared/ipc/money';
import type { OpenUnit } from '../../../shared/ipc/unit';
import { CHARGE_UNIT_LABELS, quantityText } from '../../../shared/money/rates';
import { formatYuan } from '../../../shared/rules';
import type { ServiceContext } from '../context';
import { amountCapitals, amountRow, amountsTable, fieldsTable, figure, renderFramedPdf, section, signatureBoxes, th, totalRow } from '../pdf/frame';
import { neutraliseFileName } from '../redemption/safe-name';
import { getUnit } from '../unit/unit';
import { getQuote } from './quotes';

export interface QuoteView {
  quote: Quote;
  unit: OpenUnit;
  applicant: { name: string; creditCode: string | null };
  priceGroup: string;
  /** 采用情况: the contract or the order that adopted it, or that none has. */
  adoptedBy: string;
}

export function quoteView(ctx: ServiceContext, id: number): QuoteView {
  const quote = getQuote(ctx, id);
  const a = ctx.db.prepare('SELECT name, credit_code AS creditCode FROM applicants WHERE id = ?').get(quote.applicantId) as QuoteView['applicant'];
  const priceGroup = ctx.db.prepare('SELECT name FROM price_groups WHERE id = ?').pluck().get(quote.priceGroupId) as string;
  const adoptedBy = quote.contractId !== null ? `合同 ${quote.adoptedByNumber ?? ''}` : quote.orderId !== null ? `订单 ${quote.adoptedByNumber ?? ''}` : '未采用';
  return { quote, unit: getUnit(ctx), applicant: a, priceGroup, adoptedBy };
}

export function quoteFileName(v: QuoteView, ext: 'pdf' | 'xlsx'): string {
  return neutraliseFileName(`报价单-${v.quote.number}.${ext}`);
}

const lineCells = (l: Quote['lines'][number]) => ({
  quantity: `${quantityText(l.quantityMilli)}${CHARGE_UNIT_LABELS[l.unit].zh}`,
  price: formatYuan(l.unitPriceFen),
  extra: [l.setupFeeFen > 0 ? `开机费 ${formatYuan(l.setupFeeFen)} 元` : '', l.minimumFen > 0 ? `最低 ${formatYuan(l.minimumFen)} 元` : ''].filter(Boolean).join('，'),
});

export async function quotePdf(ctx: ServiceContext, v: QuoteView): Promise<FileDownload> {
  const q = v.quote;
  const parties = fieldsTable([
    ['开放单位', v.unit.name || '（未填写）', '统一社会信用代码', v.unit.creditCode ?? ''],
    ['申领单位', v.applicant.name, '统一社会信用代码', v.applicant.creditCode ?? ''],
    ['报价单编号', q.number, '价格类别', v.priceGroup],
    ['报价日期', q.quoteDate, '有效期至', q.validUntil],
    ['事由', q.title, '采用情况', v.adoptedBy],
  ], 80);
  const lines: Content = {
    table: {
      headerRows: 1,
      widths: [22, '*', 70, 62, 80, 66],
      body: [
        ['序号', '项目', '数量', '单价（元）', '说明', '金额（元）'].map(th),
        ...q.lines.map((l, i): TableCell[] => {
          const x = lineCells(l);
          return [String(i + 1), l.description, figure(x.quantity), figure(x.price), x.extra, figure(formatYuan(l.amountFen))];
        }),
        totalRow('报价合计', 5, [{ text: formatYuan(q.totalFen), alignment: 'right', bold: true }]),
      ],
    },
    fontSize: 8.5,
  };
  const bank = fieldsTable([
    ['户名', v.unit.name, '开户银行', v.unit.bankName],
    ['银行账号', v.unit.bankAccount, '联系人', `${v.unit.contactName} ${v.unit.contactPhone}`.trim()],
  ], 80);
  const bytes = await renderFramedPdf(ctx, {
    title: '报价单',
    infoTitle: `报价单 ${q.number}`,
    subtitle: `编号 ${q.number} · 报价日期 ${q.quoteDate} · 有效期至 ${q.validUntil}`,
    density: 'compact',
    content: [
      ...section('一、双方', parties),
      ...section('二、报价明细', lines),
      ...section('三、报价金额', amountsTable([amountRow('报价合计', q.totalFen)], 110)),
      ...section('四、收款账户', bank),
      ...section('五、签章', signatureBoxes({ titles: ['开放单位（盖章）'], seal: '公章', signer: '经办人' }), { keepTogether: true }),
    ],
  });
  return { fileName: quoteFileName(v, 'pdf'), mimeType: 'application/pdf', dataBase64: bytes.toString('base64') };
}

const FEN_FORMAT = '#,##0.00';

export async function quoteXlsx(v: QuoteView): Promise<FileDownload> {
  const q = v.quote;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'open-instrument-voucher-desk';
  const ws = wb.addWorksheet('报价单');
  ws.columns = [{ width: 6 }, { width: 40 }, { width: 10 }, { width: 8 }, { width: 12 }, { width: 26 }, { width: 14 }];
  ws.addRow([`报价单 ${q.number}`]).font = { bold: true, size: 14 };
  ws.addRow(['开放单位', v.unit.name, '', '', '申领单位', v.applicant.name]);
  ws.addRow(['报价日期', q.quoteDate, '', '', '有效期至', q.validUntil]);
  ws.addRow(['价格类别', v.priceGroup, '', '', '采用情况', v.adoptedBy]);
  ws.addRow(['事由', q.title]);
  ws.addRow([]);
  ws.addRow(['序号', '项目', '数量', '单位', '单价（元）', '说明', '金额（元）']).font = { bold: true };
  q.lines.forEach((l, i) => {
    const r = ws.addRow([i + 1, l.description, l.quantityMilli / 1000, CHARGE_UNIT_LABELS[l.unit].zh, l.unitPriceFen / 100, lineCells(l).extra, l.amountFen / 100]);
    r.getCell(5).numFmt = FEN_FORMAT;
    r.getCell(7).numFmt = FEN_FORMAT;
  });
  const total = ws.addRow(['', '报价合计', '', '', '', amountCapitals(q.totalFen), q.totalFen / 100]);
  total.font = { bold: true };
  total.getCell(7).numFmt = FEN_FORMAT;
  ws.addRow([]);
  ws.addRow(['户名', v.unit.name, '', '', '开户银行', v.unit.bankName]);
  ws.addRow(['银行账号', v.unit.bankAccount, '', '', '联系人', `${v.unit.contactName} ${v.unit.contactPhone}`.trim()]);
  ws.addRow([]);
  ws.addRow(['开放单位（盖章）：', '', '', '', '经办人签字：']);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: quoteFileName(v, 'xlsx'), mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', dataBase64: bytes.toString('base64') };
}

export function quotePdfDownload(ctx: ServiceContext, id: number): Promise<FileDownload> {
  return quotePdf(ctx, quoteView(ctx, id));
}

export function quoteXlsxDownload(ctx: ServiceContext, id: number): Promise<FileDownload> {
  return quoteXlsx(quoteView(ctx, id));
}
