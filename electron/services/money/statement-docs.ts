// 费用结算单 of a contract or an order as PDF (the desk's form frame) and .xlsx: the unit and lab,
// the applicant, each line (date, instrument, quantity, unit price, amount), totals in figures and
// in 大写, the voucher part and the applicant's own part (for an order, by its 兑付方式), the
// unit's bank details, signature and 公章 areas.
import ExcelJS from 'exceljs';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { FileDownload } from '../../../shared/ipc/catalog';
import type { ChargeLine, ContractCharges, OwnerRef } from '../../../shared/ipc/money';
import type { OpenUnit } from '../../../shared/ipc/unit';
import { CHARGE_CATEGORY_LABELS } from '../../../shared/ipc/money';
import { CHARGE_UNIT_LABELS, quantityText } from '../../../shared/money/rates';
import { formatYuan, PAYOUT_PARTY_LABELS } from '../../../shared/rules';
import { refuse } from '../../../shared/result';
import type { ServiceContext } from '../context';
import { amountCapitals, amountRow, amountsTable, fieldsTable, figure, renderFramedPdf, section, signatureBoxes, th, totalRow } from '../pdf/frame';
import { loadContract } from '../redemption/contract-facts';
import { neutraliseFileName } from '../redemption/safe-name';
import { getUnit } from '../unit/unit';
import { contractCharges } from './charges';
import { ownerOf } from './owner';

/** The parties and the record a statement is about: a contract, or an order and its product. */
export interface StatementParties {
  kind: 'contract' | 'order';
  number: string;
  title: string;
  unit: OpenUnit;
  lab: { name: string; head: string } | null;
  applicant: { name: string; creditCode: string | null };
  /** 服务期限 of a contract, 下单日期 of an order. */
  period: { label: string; text: string };
}

export interface StatementView {
  contract: StatementParties;
  charges: ContractCharges;
  generatedOn: string;
}

function orderParties(ctx: ServiceContext, orderId: number): StatementParties {
  const r = ctx.db.prepare(`SELECT o.number, o.order_date AS orderDate, p.name AS product, a.name AS applicant, a.credit_code AS creditCode,
      l.name AS labName, l.head AS labHead
    FROM orders o JOIN applicants a ON a.id = o.applicant_id JOIN service_products p ON p.id = o.product_id LEFT JOIN labs l ON l.id = p.lab_id
    WHERE o.id = ?`).get(orderId) as { number: string; orderDate: string; product: string; applicant: string; creditCode: string | null; labName: string | null; labHead: string | null } | undefined;
  if (!r) refuse('NOT_FOUND', 'order.notFound', { field: 'orderId', params: { id: orderId } });
  return {
    kind: 'order', number: r.number, title: r.product, unit: getUnit(ctx), lab: r.labName === null ? null : { name: r.labName, head: r.labHead ?? '' },
    applicant: { name: r.applicant, creditCode: r.creditCode }, period: { label: '下单日期', text: r.orderDate },
  };
}

export function statementView(ctx: ServiceContext, ref: OwnerRef, generatedOn: string): StatementView {
  const o = ownerOf(ref);
  let parties: StatementParties;
  if (o.kind === 'contract') {
    const c = loadContract(ctx, o.id);
    parties = {
      kind: 'contract', number: c.number, title: c.title, unit: c.unit, lab: c.lab && { name: c.lab.name, head: c.lab.head },
      applicant: { name: c.applicant.name, creditCode: c.applicant.creditCode }, period: { label: '服务期限', text: `${c.startDate} 至 ${c.endDate}` },
    };
  } else parties = orderParties(ctx, o.id);
  return { contract: parties, charges: contractCharges(ctx, ref), generatedOn };
}

const numberLabel = (v: StatementView) => (v.contract.kind === 'contract' ? '合同编号' : '订单编号');
const titleLabel = (v: StatementView) => (v.contract.kind === 'contract' ? '合同名称' : '服务产品');
const settledLabel = (v: StatementView) => (v.contract.kind === 'contract' ? '实际发生金额' : '订单总额');
/** 兑付方式 of an order: who receives the voucher part (沪 第十一条). */
const payoutText = (v: StatementView) => (v.charges.payoutParty ? PAYOUT_PARTY_LABELS[v.charges.payoutParty].zh : null);
const DUE_LABEL = '应付服务机构（创新券兑付给企业）';

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
    [numberLabel(v), c.number, titleLabel(v), c.title],
    ['价格类别', ch.priceGroup.name, c.period.label, c.period.text],
    ...(payoutText(v) ? [['兑付方式', payoutText(v)!] as [string, string]] : []),
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
    amountRow(settledLabel(v), settled),
    amountRow('其中：创新券支付', ch.voucherFen),
    amountRow('申领单位自付', settled - ch.voucherFen),
    ...(ch.payoutParty === 'enterprise' ? [amountRow(DUE_LABEL, ch.dueFromApplicantFen)] : []),
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
  ws.addRow(['申领单位', c.applicant.name, '', numberLabel(v), c.number]);
  ws.addRow(['价格类别', ch.priceGroup.name, '', '出具日期', ch.statement?.issuedOn ?? '（草稿）']);
  ws.addRow([titleLabel(v), c.title, '', c.period.label, c.period.text]);
  if (payoutText(v)) ws.addRow(['兑付方式', payoutText(v)]);
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
  money(settledLabel(v), settled);
  money('创新券支付', ch.voucherFen);
  money('申领单位自付', settled - ch.voucherFen);
  if (ch.payoutParty === 'enterprise') money(DUE_LABEL, ch.dueFromApplicantFen);
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
