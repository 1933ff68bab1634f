// 费用结算单 as PDF (pdfmake, the bundled CJK font) and .xlsx: the unit and lab, the applicant,
// each line (date, instrument, quantity, unit price, amount), totals in figures and in 大写, the
// voucher part and the applicant's own part, the unit's bank details, signature and 公章 areas.
import ExcelJS from 'exceljs';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { FileDownload } from '../../../shared/ipc/catalog';
import type { ChargeLine, ContractCharges } from '../../../shared/ipc/money';
import { CHARGE_CATEGORY_LABELS } from '../../../shared/ipc/money';
import { CHARGE_UNIT_LABELS, quantityText } from '../../../shared/money/rates';
import { formatYuan } from '../../../shared/rules';
import type { ServiceContext } from '../context';
import { amountCapitals, amountRow, amountsTable, fieldsTable, figure, renderFramedPdf, section, signatureBoxes, th, totalRow } from '../pdf/frame';
import { loadContract, type ContractFacts } from '../redemption/contract-facts';
import { neutraliseFileName } from '../redemption/safe-name';
import { contractCharges } from './charges';

export interface StatementView {
  contract: ContractFacts;
  charges: ContractCharges;
  generatedOn: string;
}

export function statementView(ctx: ServiceContext, contractId: number, generatedOn: string): StatementView {
  return { contract: loadContract(ctx, contractId), charges: contractCharges(ctx, contractId), generatedOn };
}

const yuan = (fen: number) => formatYuan(fen);

/** The amount the statement settles: the contract's 实际发生金额, or the charges while none is set. */
export function settledFen(v: StatementView): number {
  return v.charges.actualAmountFen ?? v.charges.totalFen;
}

export function lineCells(l: ChargeLine): { date: string; instrument: string; item: string; quantity: string; unit: string; price: string; amount: number } {
  return {
    date: l.serviceDate,
    instrument: l.instrumentName ?? '',
    item: l.kind === 'adjustment' ? `${CHARGE_CATEGORY_LABELS[l.category].zh}：${l.reason}` : l.description,
    quantity: l.quantityMilli === null ? '' : quantityText(l.quantityMilli),
    unit: l.unit ? CHARGE_UNIT_LABELS[l.unit].zh : '',
    price: l.unitPriceFen === null ? '' : yuan(l.unitPriceFen),
    amount: l.amountFen,
  };
}

function title(v: StatementView): string {
  return v.charges.statement ? `费用结算单 ${v.charges.statement.number}` : '费用结算单（草稿）';
}

export function statementFileName(v: StatementView, ext: 'pdf' | 'xlsx'): string {
  return neutraliseFileName(`费用结算单-${v.contract.number}.${ext}`);
}

export async function statementPdf(ctx: ServiceContext, v: StatementView): Promise<FileDownload> {
  const c = v.contract;
  const ch = v.charges;
  const settled = settledFen(v);
  const parties = fieldsTable([
    ['开放单位', c.unit.name || '（未填写）', '统一社会信用代码', c.unit.creditCode ?? ''],
    ['实验室', c.lab?.name ?? '', '负责人', c.lab?.head ?? ''],
    ['申领单位', c.applicant.name, '统一社会信用代码', c.applicant.creditCode ?? ''],
    ['合同编号', c.number, '合同名称', c.title],
    ['价格类别', ch.priceGroup.name, '服务期限', `${c.startDate} 至 ${c.endDate}`],
  ], 80);
  const lines: Content = {
    table: {
      headerRows: 1,
      widths: [22, 54, 70, '*', 40, 58, 62],
      body: [
        ['序号', '日期', '仪器', '项目', '数量', '单价（元）', '金额（元）'].map(th),
        ...ch.lines.map((l, i): TableCell[] => {
          const x = lineCells(l);
          return [String(i + 1), x.date, x.instrument, x.item, figure(`${x.quantity}${x.unit}`), figure(x.price), figure(yuan(x.amount))];
        }),
        totalRow('费用合计', 6, [{ text: yuan(ch.totalFen), alignment: 'right', bold: true }]),
      ],
    },
    fontSize: 8,
  };
  const totals = amountsTable([
    amountRow('实际发生金额', settled),
    amountRow('其中：创新券支付', ch.voucherFen),
    amountRow('申领单位自付', settled - ch.voucherFen),
    amountRow('已到账', ch.paidFen),
  ], 110);
  const bank = fieldsTable([
    ['户名', c.unit.name, '开户银行', c.unit.bankName],
    ['银行账号', c.unit.bankAccount, '联系人', `${c.unit.contactName} ${c.unit.contactPhone}`.trim()],
  ], 80);
  const bytes = await renderFramedPdf(ctx, {
    title: '费用结算单',
    infoTitle: `${title(v)} ${c.number}`,
    subtitle: `${ch.statement ? `编号 ${ch.statement.number} · 出具日期 ${ch.statement.issuedOn}` : '草稿（未出具）'} · 生成日期 ${v.generatedOn}`,
    density: 'compact',
    content: [
      ...section('一、双方', parties),
      ...section('二、费用明细', lines),
      ...section('三、结算金额', totals),
      ...section('四、收款账户', bank),
      ...section('五、签章', signatureBoxes({ titles: ['开放单位（盖章）', '申领单位确认（盖章）'], seal: '公章', signer: '经办人' }), { keepTogether: true }),
    ],
  });
  return { fileName: statementFileName(v, 'pdf'), mimeType: 'application/pdf', dataBase64: bytes.toString('base64') };
}

const FEN_FORMAT = '#,##0.00';

export async function statementXlsx(v: StatementView): Promise<FileDownload> {
  const c = v.contract;
  const ch = v.charges;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'open-instrument-voucher-desk';
  const ws = wb.addWorksheet('费用结算单');
  ws.columns = [{ width: 6 }, { width: 12 }, { width: 22 }, { width: 44 }, { width: 10 }, { width: 8 }, { width: 12 }, { width: 14 }];
  ws.addRow([title(v)]).font = { bold: true, size: 14 };
  ws.addRow(['开放单位', c.unit.name, '', '实验室', c.lab?.name ?? '']);
  ws.addRow(['申领单位', c.applicant.name, '', '合同编号', c.number]);
  ws.addRow(['价格类别', ch.priceGroup.name, '', '出具日期', ch.statement?.issuedOn ?? '（草稿）']);
  ws.addRow([]);
  const header = ws.addRow(['序号', '日期', '仪器', '项目', '数量', '单位', '单价（元）', '金额（元）']);
  header.font = { bold: true };
  ch.lines.forEach((l, i) => {
    const x = lineCells(l);
    const r = ws.addRow([i + 1, x.date, x.instrument, x.item, l.quantityMilli === null ? null : l.quantityMilli / 1000, x.unit,
      l.unitPriceFen === null ? null : l.unitPriceFen / 100, l.amountFen / 100]);
    r.getCell(7).numFmt = FEN_FORMAT;
    r.getCell(8).numFmt = FEN_FORMAT;
  });
  const settled = settledFen(v);
  const money = (label: string, fen: number) => {
    const r = ws.addRow(['', label, '', amountCapitals(fen), '', '', '', fen / 100]);
    r.getCell(8).numFmt = FEN_FORMAT;
    r.font = { bold: label === '费用合计' };
  };
  money('费用合计', ch.totalFen);
  money('实际发生金额', settled);
  money('创新券支付', ch.voucherFen);
  money('申领单位自付', settled - ch.voucherFen);
  money('已到账', ch.paidFen);
  ws.addRow([]);
  ws.addRow(['户名', c.unit.name, '', '开户银行', c.unit.bankName]);
  ws.addRow(['银行账号', c.unit.bankAccount, '', '联系人', `${c.unit.contactName} ${c.unit.contactPhone}`.trim()]);
  ws.addRow([]);
  ws.addRow(['开放单位（盖章）：', '', '', '申领单位确认（盖章）：']);
  ws.addRow(['经办人签字：', '', '', '经办人签字：']);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: statementFileName(v, 'xlsx'), mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', dataBase64: bytes.toString('base64') };
}
