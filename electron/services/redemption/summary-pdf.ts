// 兑现申请表: the packet's summary sheet in Chinese, rendered with pdfmake and the CJK font.
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { Payment } from '../../../shared/ipc/money';
import type { Invoice, RedemptionStatus } from '../../../shared/ipc/redemption';
import { REDEMPTION_STATUS_LABELS } from '../../../shared/ipc/redemption';
import { formatYuan } from '../../../shared/rules';
import type { ServiceContext } from '../context';
import type { ContractFacts } from './contract-facts';
import { amountRow, amountsTable, fieldsTable, figure, renderFramedPdf, section, signatureBoxes, th, totalRow } from '../pdf/frame';
import { serviceRecordsTable } from '../pdf/service-records-table';
import type { ServiceRecord } from './service-records';

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

const head = (texts: string[]): TableCell[] => texts.map(th);

function partiesTable(c: ContractFacts): Content {
  const a = c.applicant;
  return fieldsTable([
    ['开放单位', c.unit.name || '（未填写）', '实验室', c.lab?.name ?? ''],
    ['申领单位', a.name, '统一社会信用代码', a.creditCode ?? ''],
    ['联系人', a.contactName, '联系电话', a.contactPhone],
    ['开户银行', a.bankName, '银行账号', a.bankAccount],
    ['合同编号', c.number, '签订日期', c.signedDate],
    ['合同名称', c.title, '合同期限', `${c.startDate} 至 ${c.endDate}`],
    ['服务内容', c.services],
  ]);
}

function amountsOf(c: ContractFacts): Content {
  const own = c.actualAmountFen === null ? null : c.actualAmountFen - c.voucherFen;
  return amountsTable([
    amountRow('合同金额', c.amountFen),
    amountRow('实际发生金额', c.actualAmountFen),
    amountRow('创新券金额', c.voucherFen),
    amountRow('企业自付金额', own),
    [th('创新券编号'), { text: c.vouchers.map((v) => `${v.number}（${formatYuan(v.amountFen)} 元）`).join('、') || '（无）', colSpan: 2 }, ''],
  ]);
}

function invoiceTable(invoices: Invoice[]): Content {
  const total = invoices.reduce((s, i) => s + i.amountFen, 0);
  return {
    table: {
      headerRows: 1,
      widths: [30, '*', '*', 80, 100],
      body: [
        head(['序号', '发票代码', '发票号码', '开票日期', '金额（元）']),
        ...invoices.map((i, n): TableCell[] => [String(n + 1), i.code, i.number, i.issueDate, figure(formatYuan(i.amountFen))]),
        totalRow('合计', 4, [figure(formatYuan(total))]),
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
        ...payments.map((p, n): TableCell[] => [String(n + 1), p.receiptNumber, p.paidOn, p.payer, figure(formatYuan(p.amountFen))]),
        totalRow('合计', 4, [figure(formatYuan(total))]),
      ],
    },
  };
}

/** The summary PDF bytes. */
export async function renderSummaryPdf(ctx: ServiceContext, s: SummaryInput): Promise<Buffer> {
  const c = s.contract;
  return renderFramedPdf(ctx, {
    title: '科技创新券兑现申请表',
    infoTitle: `科技创新券兑现申请表 ${c.number}`,
    subtitle: `依据 ${s.documentNumber} · 申请状态：${s.status ? REDEMPTION_STATUS_LABELS[s.status].zh : '未提交'}`
      + `${s.deadlineDue ? ` · 申请兑现截止：${s.deadlineDue}` : ''} · 生成日期：${s.generatedOn}`,
    content: [
      ...section('一、合同双方', partiesTable(c)),
      ...section('二、金额', amountsOf(c)),
      ...section('三、发票', invoiceTable(s.invoices)),
      ...section('四、自付款到账', paymentsTable(s.payments)),
      ...section('五、服务记录（机时）', serviceRecordsTable(s.records, { header: '服务内容', width: '*', cell: (r) => r.content, total: '' }, '合计机时（小时）')),
      ...section('六、使用成效', { table: { widths: ['*'], dontBreakRows: true, body: [[{ text: s.resultsText || '（未填写）', margin: [4, 4, 4, 40] }]] } }, { keepTogether: true }),
      ...section('七、签章', signatureBoxes({ titles: ['开放单位意见', '申领单位确认'], seal: '盖章', signer: '负责人' }), { keepTogether: true }),
    ],
  });
}
