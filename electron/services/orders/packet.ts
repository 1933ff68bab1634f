// The order materials packet (沪科规〔2025〕6号 第十条, 第十一条): one .zip built in memory with the
// order summary PDF (service institution and lab as the unit editor names them, the enterprise or
// team, amounts in figures and capitals, the dated history, notice and payment), the service
// records .xlsx, the uploaded materials in named folders and manifest.json (SHA-256 and size of
// every file). Nothing of it is written to disk; the export is audited.
import crypto from 'node:crypto';
import type { Content, TableCell } from 'pdfmake/interfaces';
import { ORDER_MATERIAL_KIND_LABELS, type OrderDetail, type OrderEvent } from '../../../shared/ipc/orders';
import { SERVICE_KIND_LABELS } from '../../../shared/policy/vocabulary';
import { formatYuan, isOrderStep, ORDER_STATUS_LABELS, orderEventNoteZh, PAYOUT_PARTY_LABELS } from '../../../shared/rules';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { getApplicant } from '../deals/applicants';
import { storedProfile } from '../deals/refuse';
import { amountRow, amountsTable, fieldsTable, figure, type FrameInput, renderFramedPdf, section, th } from '../pdf/frame';
import { serviceRecordsTable } from '../pdf/service-records-table';
import { type ManifestEntry, type Packet, RECORDS_XLSX, MANIFEST, STATEMENT_PDF, zipFiles } from '../redemption/packet';
import { statementPdf, statementView } from '../money/statement-docs';
import { renderRecordsXlsx } from '../redemption/records-xlsx';
import { neutraliseFileName, uniqueName } from '../redemption/safe-name';
import { orderServiceRecords, type ServiceRecord } from '../redemption/service-records';
import { getUnit } from '../unit/unit';
import { civilDateInShanghai } from '../../../shared/rules/civil-date';
import { listOrderMaterials, readOrderMaterialBytes } from './materials';
import { getOrder } from './orders';
import { getProduct } from './products';

/** The desk's note (worded in Chinese for the document) and what the user typed. */
const eventNoteZh = (e: OrderEvent) => [e.noteCode ? orderEventNoteZh(e.noteCode, e.noteParams) : '', e.note].filter(Boolean).join('；');

export const ORDER_SUMMARY_PDF = '订单兑付材料汇总表.pdf';

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

export function orderPacketFileName(number: string, applicantName: string): string {
  return neutraliseFileName(`订单兑付材料-${number}-${applicantName}.zip`);
}

interface SummaryInput {
  order: OrderDetail;
  unitName: string;
  lab: { name: string; contact: string; contactPhone: string; location: string } | null;
  applicant: { name: string; creditCode: string | null; contactName: string; contactPhone: string; bankName: string; bankAccount: string };
  productCode: string;
  itemCategory: string;
  documentNumber: string;
  records: ServiceRecord[];
  materials: { kind: string; name: string; by: string; sha256: string }[];
  generatedOn: string;
}

function summaryDoc(s: SummaryInput): FrameInput {
  const o = s.order;
  const usageFen = s.records.reduce((n, r) => n + r.amountFen, 0);
  const t = o.timeline;
  const content: Content[] = [
    ...section('一、服务机构与企业（团队）', fieldsTable([
      ['服务机构', s.unitName || '（未填写）', '实验室', s.lab?.name ?? '（未指定）'],
      ['实验室联系人', s.lab?.contact ?? '', '联系电话', s.lab?.contactPhone ?? ''],
      ['企业（团队）', s.applicant.name, '统一社会信用代码', s.applicant.creditCode ?? ''],
      ['联系人', s.applicant.contactName, '联系电话', s.applicant.contactPhone],
      ['开户银行', s.applicant.bankName, '银行账号', s.applicant.bankAccount],
    ])),
    ...section('二、订单', fieldsTable([
      ['订单编号', o.number, '下单日期', o.orderDate],
      ['服务产品', `${o.productName}（${s.productCode}）`, '服务类别', SERVICE_KIND_LABELS[o.serviceKind].zh],
      ['服务事项目录', s.itemCategory || '（未填写）'],
      ['兑付方式', PAYOUT_PARTY_LABELS[o.payoutParty].zh, '跨区域创新券', o.crossRegion ? `长三角（${o.issuingRegion ?? ''}）` : '否'],
    ])),
    ...section('三、金额', amountsTable([
      amountRow('订单总额', o.totalFen),
      amountRow('创新券金额', o.voucherFen),
      amountRow('企业（团队）自付', o.totalFen - o.voucherFen),
      amountRow('服务记录计费合计', usageFen),
    ])),
    ...section('四、服务记录（机时）', serviceRecordsTable(s.records,
      { header: '金额（元）', width: 60, cell: (r) => figure(formatYuan(r.amountFen)), total: figure(formatYuan(usageFen)) }, '合计')),
    ...section('五、办理记录', {
      table: {
        headerRows: 1,
        widths: [100, 80, '*'],
        body: [[th('状态'), th('日期'), th('说明')], ...o.events.map((e): TableCell[] => [isOrderStep(e) ? ORDER_STATUS_LABELS[e.status].zh : '订单总额变更', e.date, eventNoteZh(e)])],
      },
    }),
    { text: '六、公示与兑付', style: 'h2' },
    {
      text: t.notice
        ? `公示 ${t.notice.count} 天：${t.notice.startsOn} 起至 ${t.notice.lastDay} 止（${s.documentNumber} ${t.notice.article}）`
        : '尚未公示',
    },
    ...(t.noSchedule ? [{ text: t.noSchedule.zh, color: '#555' } as Content] : []),
    ...section('七、兑付材料', {
      table: {
        headerRows: 1,
        widths: [80, '*', 70, 120],
        body: [[th('类别'), th('文件'), th('上传方'), th('SHA-256（前16位）')],
          ...(s.materials.length ? s.materials.map((m): TableCell[] => [m.kind, m.name, m.by, m.sha256.slice(0, 16)]) : [[{ text: '（无）', colSpan: 4 }, '', '', '']])],
      },
      fontSize: 8,
    }),
  ];
  return {
    title: '科技创新券订单兑付材料汇总表',
    infoTitle: `科技创新券订单兑付材料 ${o.number}`,
    subtitle: `依据 ${s.documentNumber} · 订单状态：${ORDER_STATUS_LABELS[o.status].zh} · 生成日期：${s.generatedOn}`,
    content,
  };
}

function labOf(ctx: ServiceContext, labId: number | null): SummaryInput['lab'] {
  if (labId === null) return null;
  const r = ctx.db.prepare('SELECT name, contact, contact_phone AS contactPhone, location FROM labs WHERE id = ?').get(labId) as SummaryInput['lab'] | undefined;
  return r ?? null;
}

export async function exportOrderPacket(ctx: ServiceContext, orderId: number): Promise<Packet> {
  const order = getOrder(ctx, orderId);
  const profile = storedProfile(order.profileId);
  const applicant = getApplicant(ctx, order.applicantId);
  const product = getProduct(ctx, order.productId);
  const records = orderServiceRecords(ctx, orderId);
  const generatedOn = civilDateInShanghai(ctx.now());

  const taken = new Set<string>();
  const materialFiles: { path: string; bytes: Uint8Array }[] = [];
  const materials: SummaryInput['materials'] = [];
  for (const m of listOrderMaterials(ctx, orderId)) {
    const folder = ORDER_MATERIAL_KIND_LABELS[m.kind].zh;
    const name = uniqueName(`${folder}/${neutraliseFileName(m.originalName)}`, taken);
    materialFiles.push({ path: name, bytes: readOrderMaterialBytes(ctx, m.id).bytes });
    materials.push({ kind: folder, name: m.originalName, by: PAYOUT_PARTY_LABELS[m.uploadedBy].zh, sha256: m.sha256 });
  }
  const pdf = await renderFramedPdf(ctx, summaryDoc({
    order, unitName: getUnit(ctx).name, lab: labOf(ctx, product.labId), documentNumber: profile.documentNumber,
    applicant: {
      name: applicant.name, creditCode: applicant.creditCode || null, contactName: applicant.contactName, contactPhone: applicant.contactPhone,
      bankName: applicant.bankName, bankAccount: applicant.bankAccount,
    },
    productCode: product.code, itemCategory: product.itemCategory, records, materials, generatedOn,
  }));
  const files: { path: string; bytes: Uint8Array }[] = [
    { path: ORDER_SUMMARY_PDF, bytes: pdf },
    { path: RECORDS_XLSX, bytes: await renderRecordsXlsx(order.number, records) },
    ...materialFiles,
  ];
  // The 费用结算单 stands for the charges behind the order total; it goes in when issued.
  const statement = statementView(ctx, { orderId }, generatedOn);
  if (statement.charges.statement) {
    files.splice(2, 0, { path: STATEMENT_PDF, bytes: Buffer.from((await statementPdf(ctx, statement)).dataBase64, 'base64') });
  }
  const manifest = {
    order: { number: order.number, applicant: order.applicantName, profile: profile.id, status: order.status },
    generatedAt: ctx.now().toISOString(),
    files: files.map((f): ManifestEntry => ({ path: f.path, sha256: sha256(f.bytes), size: f.bytes.length })),
  };
  files.push({ path: MANIFEST, bytes: new TextEncoder().encode(JSON.stringify(manifest, null, 2)) });
  // The packet carries bank details and personal data: every export is on the record.
  ctx.db.transaction(() => audit(ctx, 'orderPacket.export', 'order', orderId, { files: manifest.files.length }))();
  return { fileName: orderPacketFileName(order.number, order.applicantName), bytes: zipFiles(files, ctx.now()) };
}
