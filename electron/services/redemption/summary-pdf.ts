// 兑现申请表: the packet's summary sheet in Chinese, rendered with pdfmake and the CJK font.
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import type { Payment } from '../../../shared/ipc/money';
import type { Invoice, RedemptionStatus } from '../../../shared/ipc/redemption';
import { REDEMPTION_STATUS_LABELS } from '../../../shared/ipc/redemption';
import { formatYuan } from '../../../shared/rules';
import type { ServiceContext } from '../context';
import { rmbCapitals } from '../../../shared/money/capitals';
import type { ContractFacts } from './contract-facts';
import { CJK_FAMILY, renderPdf } from '../pdf/render';
import { hoursText, type ServiceRecord } from './service-records';

export interface SummaryInput {
  contract: ContractFacts;
  documentNumber: string;
  status: RedemptionStatus | null;
  resultsText: string;
  invoices: Invoice[];
  records: ServiceRecord[];
  deadlineDue: string | null;
  generatedOn: string;
  /** Payments received from the applicant: the proof of its own payment. */
  payments: Payment[];
}

const money = (fen: number | null) => (fen === null ? '（未填写）' : `${formatYuan(fen)} 元`);
const capitals = (fen: number | null) => (fen === null ? '' : rmbCapitals(Math.max(0, fen)));
const head = (texts: string[]): TableCell[] => texts.map((text) => ({ text, style: 'th' }));

function partiesTable(c: ContractFacts): Content {
  const a = c.applicant;
  return {
    table: {
      widths: [90, '*', 90, '*'],
      body: [
        [{ text: '开放单位', style: 'th' }, c.unit.name || '（未填写）', { text: '实验室', style: 'th' }, c.lab?.name ?? ''],
        [{ text: '申领单位', style: 'th' }, a.name, { text: '统一社会信用代码', style: 'th' }, a.creditCode ?? ''],
        [{ text: '联系人', style: 'th' }, a.contactName, { text: '联系电话', style: 'th' }, a.contactPhone],
        [{ text: '开户银行', style: 'th' }, a.bankName, { text: '银行账号', style: 'th' }, a.bankAccount],
        [{ text: '合同编号', style: 'th' }, c.number, { text: '签订日期', style: 'th' }, c.signedDate],
        [{ text: '合同名称', style: 'th' }, c.title, { text: '合同期限', style: 'th' }, `${c.startDate} 至 ${c.endDate}`],
        [{ text: '服务内容', style: 'th' }, { text: c.services, colSpan: 3 }, '', ''],
      ],
    },
  };
}

function amountsTable(c: ContractFacts): Content {
  const own = c.actualAmountFen === null ? null : c.actualAmountFen - c.voucherFen;
  const row = (label: string, fen: number | null): TableCell[] => [{ text: label, style: 'th' }, { text: money(fen), alignment: 'right' }, capitals(fen)];
  return {
    table: {
      widths: [110, 120, '*'],
      body: [
        head(['项目', '金额', '大写']),
        row('合同金额', c.amountFen),
        row('实际发生金额', c.actualAmountFen),
        row('创新券金额', c.voucherFen),
        row('企业自付金额', own),
        [{ text: '创新券编号', style: 'th' }, { text: c.vouchers.map((v) => `${v.number}（${formatYuan(v.amountFen)} 元）`).join('、') || '（无）', colSpan: 2 }, ''],
      ],
    },
  };
}

function invoiceTable(invoices: Invoice[]): Content {
  const total = invoices.reduce((s, i) => s + i.amountFen, 0);
  return {
    table: {
      headerRows: 1,
      widths: [30, '*', '*', 80, 100],
      body: [
        head(['序号', '发票代码', '发票号码', '开票日期', '金额（元）']),
        ...invoices.map((i, n): TableCell[] => [String(n + 1), i.code, i.number, i.issueDate, { text: formatYuan(i.amountFen), alignment: 'right' }]),
        [{ text: '合计', colSpan: 4, style: 'th' }, '', '', '', { text: formatYuan(total), alignment: 'right' }],
      ],
    },
  };
}

function paymentsTable(payments: Payment[]): Content {
  const total = payments.reduce((s, p) => s + p.amountFen, 0);
  return {
    table: {
      headerRows: 1,
      widths: [30, '*', 80, '*', 100],
      body: [
        head(['序号', '银行回单号', '到账日期', '付款人', '金额（元）']),
        ...payments.map((p, n): TableCell[] => [String(n + 1), p.receiptNumber, p.paidOn, p.payer, { text: formatYuan(p.amountFen), alignment: 'right' }]),
        [{ text: '合计', colSpan: 4, style: 'th' }, '', '', '', { text: formatYuan(total), alignment: 'right' }],
      ],
    },
  };
}

function hoursTable(records: ServiceRecord[]): Content {
  const minutes = records.reduce((s, r) => s + r.minutes, 0);
  return {
    table: {
      headerRows: 1,
      widths: [24, '*', 78, 78, 40, '*'],
      body: [
        head(['序号', '仪器', '开始', '结束', '机时', '服务内容']),
        ...records.map((r, n): TableCell[] => [String(n + 1), `${r.instrumentName}（${r.instrumentInnerId}）`,
          r.startAt.replace('T', ' '), r.endAt.replace('T', ' '), { text: hoursText(r.minutes), alignment: 'right' }, r.content]),
        [{ text: '合计机时（小时）', colSpan: 4, style: 'th' }, '', '', '', { text: hoursText(minutes), alignment: 'right' }, ''],
      ],
    },
    fontSize: 8,
  };
}

function signatureBoxes(): Content {
  const box = (title: string): TableCell => ({
    stack: [{ text: title, bold: true }, { text: '\n\n\n\n（盖章）\n\n负责人签字：\n\n日期：    年    月    日' }],
    margin: [6, 6, 6, 6],
  });
  return { table: { widths: ['*', '*'], dontBreakRows: true, body: [[box('开放单位意见'), box('申领单位确认')]] } };
}

/** The summary PDF bytes. */
export async function renderSummaryPdf(ctx: ServiceContext, s: SummaryInput): Promise<Buffer> {
  const c = s.contract;
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    info: { title: `科技创新券兑现申请表 ${c.number}`, creator: 'open-instrument-voucher-desk' },
    defaultStyle: { font: CJK_FAMILY, fontSize: 10, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      sub: { fontSize: 9, alignment: 'center', color: '#555', margin: [0, 0, 0, 10] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      th: { bold: true, fillColor: '#eeeeee' },
    },
    footer: (page, pages) => ({ text: `第 ${page} 页 / 共 ${pages} 页`, alignment: 'center', fontSize: 8, margin: [0, 20, 0, 0] }),
    content: [
      { text: '科技创新券兑现申请表', style: 'title' },
      {
        text: `依据 ${s.documentNumber} · 申请状态：${s.status ? REDEMPTION_STATUS_LABELS[s.status].zh : '未提交'}`
          + `${s.deadlineDue ? ` · 申请兑现截止：${s.deadlineDue}` : ''} · 生成日期：${s.generatedOn}`,
        style: 'sub',
      },
      { text: '一、合同双方', style: 'h2' },
      partiesTable(c),
      { text: '二、金额', style: 'h2' },
      amountsTable(c),
      { text: '三、发票', style: 'h2' },
      invoiceTable(s.invoices),
      { text: '四、自付款到账', style: 'h2' },
      paymentsTable(s.payments),
      { text: '五、服务记录（机时）', style: 'h2' },
      hoursTable(s.records),
      // Boxes move whole to the next page rather than split (pdfmake draws split rows badly).
      { stack: [{ text: '六、使用成效', style: 'h2' }, { table: { widths: ['*'], dontBreakRows: true, body: [[{ text: s.resultsText || '（未填写）', margin: [4, 4, 4, 40] }]] } }], unbreakable: true },
      { stack: [{ text: '七、签章', style: 'h2' }, signatureBoxes()], unbreakable: true },
    ],
  };
  return renderPdf(ctx, doc);
}
