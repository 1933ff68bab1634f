// The order materials packet (沪科规〔2025〕6号 第十条, 第十一条): one .zip built in memory with the
// order summary PDF (service institution and lab as the unit editor names them, the enterprise or
// team, amounts in figures and capitals, the dated history, notice and payment), the service
// records .xlsx, the uploaded materials in named folders and manifest.json (SHA-256 and size of
// every file). Nothing of it is written to disk; the export is audited.
import crypto from 'node:crypto';
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { ORDER_MATERIAL_KIND_LABELS, type OrderDetail } from '../../../shared/ipc/orders';
import { rmbCapitals } from '../../../shared/money/capitals';
import { SERVICE_KIND_LABELS } from '../../../shared/policy/vocabulary';
import { formatYuan, ORDER_STATUS_LABELS, PAYOUT_PARTY_LABELS } from '../../../shared/rules';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { getApplicant } from '../deals/applicants';
import { storedProfile } from '../deals/refuse';
import { CJK_FAMILY, renderPdf } from '../pdf/render';
import { type ManifestEntry, type Packet, RECORDS_XLSX, MANIFEST, zipFiles } from '../redemption/packet';
import { renderRecordsXlsx } from '../redemption/records-xlsx';
import { neutraliseFileName, uniqueName } from '../redemption/safe-name';
import { hoursText, orderServiceRecords, type ServiceRecord } from '../redemption/service-records';
import { getUnit } from '../unit/unit';
import { civilDateInShanghai } from '../../../shared/rules/civil-date';
import { listOrderMaterials, readOrderMaterialBytes } from './materials';
import { getOrder } from './orders';
import { getProduct } from './products';

export const ORDER_SUMMARY_PDF = '订单兑付材料汇总表.pdf';

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');
const money = (fen: number) => `${formatYuan(fen)} 元`;
const th = (text: string): TableCell => ({ text, style: 'th' });

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

function summaryDoc(s: SummaryInput): TDocumentDefinitions {
  const o = s.order;
  const own = o.totalFen - o.voucherFen;
  const minutes = s.records.reduce((n, r) => n + r.minutes, 0);
  const usageFen = s.records.reduce((n, r) => n + r.amountFen, 0);
  const amount = (label: string, fen: number): TableCell[] => [th(label), { text: money(fen), alignment: 'right' }, rmbCapitals(Math.max(0, fen))];
  const t = o.timeline;
  const content: Content[] = [
    { text: '科技创新券订单兑付材料汇总表', style: 'title' },
    { text: `依据 ${s.documentNumber} · 订单状态：${ORDER_STATUS_LABELS[o.status].zh} · 生成日期：${s.generatedOn}`, style: 'sub' },
    { text: '一、服务机构与企业（团队）', style: 'h2' },
    {
      table: {
        widths: [90, '*', 90, '*'],
        body: [
          [th('服务机构'), s.unitName || '（未填写）', th('实验室'), s.lab?.name ?? '（未指定）'],
          [th('实验室联系人'), s.lab?.contact ?? '', th('联系电话'), s.lab?.contactPhone ?? ''],
          [th('企业（团队）'), s.applicant.name, th('统一社会信用代码'), s.applicant.creditCode ?? ''],
          [th('联系人'), s.applicant.contactName, th('联系电话'), s.applicant.contactPhone],
          [th('开户银行'), s.applicant.bankName, th('银行账号'), s.applicant.bankAccount],
        ],
      },
    },
    { text: '二、订单', style: 'h2' },
    {
      table: {
        widths: [90, '*', 90, '*'],
        body: [
          [th('订单编号'), o.number, th('下单日期'), o.orderDate],
          [th('服务产品'), `${o.productName}（${s.productCode}）`, th('服务类别'), SERVICE_KIND_LABELS[o.serviceKind].zh],
          [th('服务事项目录'), { text: s.itemCategory || '（未填写）', colSpan: 3 }, '', ''],
          [th('兑付方式'), PAYOUT_PARTY_LABELS[o.payoutParty].zh, th('跨区域创新券'), o.crossRegion ? `长三角（${o.issuingRegion ?? ''}）` : '否'],
        ],
      },
    },
    { text: '三、金额', style: 'h2' },
    {
      table: {
        widths: [110, 120, '*'],
        body: [
          [th('项目'), th('金额'), th('大写')],
          amount('订单总额', o.totalFen),
          amount('创新券金额', o.voucherFen),
          amount('企业（团队）自付', own),
          amount('服务记录计费合计', usageFen),
        ],
      },
    },
    { text: '四、服务记录（机时）', style: 'h2' },
    {
      table: {
        headerRows: 1,
        widths: [24, '*', 78, 78, 40, 60],
        body: [
          [th('序号'), th('仪器'), th('开始'), th('结束'), th('机时'), th('金额（元）')],
          ...s.records.map((r, n): TableCell[] => [String(n + 1), `${r.instrumentName}（${r.instrumentInnerId}）`, r.startAt.replace('T', ' '),
            r.endAt.replace('T', ' '), { text: hoursText(r.minutes), alignment: 'right' }, { text: formatYuan(r.amountFen), alignment: 'right' }]),
          [{ text: '合计', colSpan: 4, style: 'th' }, '', '', '', { text: hoursText(minutes), alignment: 'right' }, { text: formatYuan(usageFen), alignment: 'right' }],
        ],
      },
      fontSize: 8,
    },
    { text: '五、办理记录', style: 'h2' },
    {
      table: {
        headerRows: 1,
        widths: [100, 80, '*'],
        body: [[th('状态'), th('日期'), th('说明')], ...o.events.map((e): TableCell[] => [ORDER_STATUS_LABELS[e.status].zh, e.date, e.note])],
      },
    },
    { text: '六、公示与兑付', style: 'h2' },
    {
      text: t.notice
        ? `公示 ${t.notice.count} 天：${t.notice.startsOn} 起至 ${t.notice.lastDay} 止（${s.documentNumber} ${t.notice.article}）`
        : '尚未公示',
    },
    ...(t.noSchedule ? [{ text: t.noSchedule.zh, color: '#555' } as Content] : []),
    { text: '七、兑付材料', style: 'h2' },
    {
      table: {
        headerRows: 1,
        widths: [80, '*', 70, 120],
        body: [[th('类别'), th('文件'), th('上传方'), th('SHA-256（前16位）')],
          ...(s.materials.length ? s.materials.map((m): TableCell[] => [m.kind, m.name, m.by, m.sha256.slice(0, 16)]) : [[{ text: '（无）', colSpan: 4 }, '', '', '']])],
      },
      fontSize: 8,
    },
  ];
  return {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    info: { title: `科技创新券订单兑付材料 ${o.number}`, creator: 'open-instrument-voucher-desk' },
    defaultStyle: { font: CJK_FAMILY, fontSize: 10, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      sub: { fontSize: 9, alignment: 'center', color: '#555', margin: [0, 0, 0, 10] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      th: { bold: true, fillColor: '#eeeeee' },
    },
    footer: (page, pages) => ({ text: `第 ${page} 页 / 共 ${pages} 页`, alignment: 'center', fontSize: 8, margin: [0, 20, 0, 0] }),
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
  const pdf = await renderPdf(ctx, summaryDoc({
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
