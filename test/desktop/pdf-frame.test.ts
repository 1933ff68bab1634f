// The one page frame of the desk's documents (兑现申请表, 订单兑付材料汇总表, 费用结算单, the annual
// assessment report, the national self-assessment report): each PDF
// is rendered by the real services and read back with poppler (pdfinfo, pdftotext, pdffonts): A4,
// the document title in the metadata, the title block, numbered sections, the page footer on
// every page, the signature and seal areas, and the shipped CJK font embedded.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statementPdfDownload } from '../../electron/services/money/statements';
import { exportOrderPacket, ORDER_SUMMARY_PDF } from '../../electron/services/orders/packet';
import { saveOrder, transitionOrder } from '../../electron/services/orders/orders';
import { saveProduct } from '../../electron/services/orders/products';
import { exportPacket } from '../../electron/services/redemption/packet';
import { updateSettings } from '../../electron/services/settings';
import { saveLab, saveUnit } from '../../electron/services/unit/unit';
import { exportAssessmentPdf } from '../../electron/services/assessment/export-pdf';
import { addEvidence, setEntry } from '../../electron/services/facility/evaluation';
import { exportEvaluationPdf } from '../../electron/services/facility/export-evaluation';
import { exportLabPackage } from '../../electron/services/facility/package/export-lab';
import { importLabPackage } from '../../electron/services/facility/package/import-lab';
import { amountCapitals, amountRow, contentWidth, documentFrame, sectionNumeral } from '../../electron/services/pdf/frame';
import { NATIONAL_EVALUATION_2026 } from '../../shared/evaluation/national-2026';
import { insertInstrument, insertUsage } from '../assessment/fixtures';
import { labDesk, officeDesk, register } from '../facility/lab-fixture';
import { CJK_FAMILY } from '../../electron/services/pdf/render';
import { orderInputSchema, productInputSchema } from '../../shared/ipc/orders';
import { labFieldsSchema, unitFieldsSchema } from '../../shared/ipc/unit';
import { firm, YUAN } from '../deals/helpers';
import { tempCore, type TempCore } from '../helpers/db';
import { insertContract } from '../redemption/fixtures';

const POPPLER = fs.existsSync('/usr/bin/pdftotext') && fs.existsSync('/usr/bin/pdfinfo') && fs.existsSync('/usr/bin/pdffonts');

let core: TempCore;
let dir: string;
beforeEach(() => {
  core = tempCore('2025-11-03T02:00:00.000Z');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-frame-'));
});
afterEach(() => {
  core.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface ReadBack { info: Record<string, string>; text: string; pages: string[]; fonts: string }

function readBack(name: string, pdf: Uint8Array): ReadBack {
  const file = path.join(dir, name);
  fs.writeFileSync(file, pdf);
  const info = Object.fromEntries(execFileSync('pdfinfo', ['-enc', 'UTF-8', file]).toString().split('\n')
    .map((l) => l.match(/^([^:]+):\s*(.*)$/)).filter((m): m is RegExpMatchArray => m !== null).map((m) => [m[1], m[2]]));
  // pdftotext drops or keeps the spaces between CJK glyphs as it likes: compare without white space.
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString().replace(/[^\S\f]+/g, '');
  if (process.env.OIVD_PDF_DUMP) fs.writeFileSync(path.join(process.env.OIVD_PDF_DUMP, `${name}.txt`), execFileSync('pdftotext', ['-layout', file, '-']));
  return { info, text, pages: text.split('\f').filter((p) => p.trim()), fonts: execFileSync('pdffonts', [file]).toString() };
}

function expectFrame(r: ReadBack, o: { title: string; infoTitle: string; sections: string[]; signatures: string[]; seal: string; signer: string }): void {
  expect(r.info['Page size']).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
  expect(r.info.Title).toBe(o.infoTitle);
  expect(r.info.Creator).toBe('open-instrument-voucher-desk');
  expect(r.pages[0].trimStart().startsWith(o.title), 'the title block opens the first page').toBe(true);
  expect(r.text).toContain('生成日期');
  // The footer on every page, numbered against the total.
  const total = Number(r.info.Pages);
  expect(r.pages).toHaveLength(total);
  r.pages.forEach((p, i) => expect(p, `page ${i + 1}`).toContain(`第${i + 1}页/共${total}页`));
  let at = -1;
  for (const s of o.sections) {
    const next = r.text.indexOf(s, at + 1);
    expect(next, `${s} after the section before it`).toBeGreaterThan(at);
    at = next;
  }
  for (const s of o.signatures) expect(r.text).toContain(s);
  expect(r.text.split(o.seal).length - 1, 'a seal place in each signature box').toBe(o.signatures.length);
  expect(r.text.split(o.signer).length - 1).toBe(o.signatures.length);
  expect(r.text.split('日期：年月日').length - 1).toBe(o.signatures.length);
  // One embedded CJK face (the shipped subset), no font taken from the computer.
  const faces = r.fonts.split('\n').slice(2).filter((l) => l.trim());
  expect(faces.length).toBeGreaterThan(0);
  for (const f of faces) expect(f, 'embedded subset').toMatch(/^[A-Z]{6}\+\S+.*\byes\s+yes\b/);
}

describe.runIf(POPPLER)('one frame for the desk documents', () => {
  it('兑现申请表: A4, title block, seven sections, footer on every page, two sealed signature boxes', async () => {
    saveUnit(core.ctx, unitFieldsSchema.parse({ name: '北京某大学分析测试中心' }));
    const { contractId } = insertContract(core.db, { number: 'HT-FRAME-1' });
    const pdf = unzipSync((await exportPacket(core.ctx, contractId)).bytes)['兑现申请表.pdf'];
    const r = readBack('summary.pdf', pdf);
    expectFrame(r, {
      title: '科技创新券兑现申请表', infoTitle: '科技创新券兑现申请表 HT-FRAME-1',
      sections: ['一、合同双方', '二、金额', '三、发票', '四、自付款到账', '五、服务记录（机时）', '六、使用成效', '七、签章'],
      signatures: ['开放单位意见', '申领单位确认'], seal: '（盖章）', signer: '负责人签字：',
    });
    expect(r.text).toContain('北京某大学分析测试中心');
    expect(r.text).toContain('陆万元整');
  });

  it('费用结算单: the same frame, the compact body, 公章 boxes for both parties', async () => {
    saveUnit(core.ctx, unitFieldsSchema.parse({ name: '北京某大学分析测试中心', bankName: '中国银行海淀支行', bankAccount: '3344 5566 7788' }));
    const { contractId } = insertContract(core.db, { number: 'HT-FRAME-2' });
    const download = await statementPdfDownload(core.ctx, { contractId });
    expect(download.mimeType).toBe('application/pdf');
    const r = readBack('statement.pdf', Buffer.from(download.dataBase64, 'base64'));
    expectFrame(r, {
      title: '费用结算单', infoTitle: '费用结算单（草稿） HT-FRAME-2',
      sections: ['一、双方', '二、费用明细', '三、结算金额', '四、收款账户', '五、签章'],
      signatures: ['开放单位（盖章）', '申领单位确认（盖章）'], seal: '（公章）', signer: '经办人签字：',
    });
    expect(r.text).toContain('334455667788');
    expect(r.text).toContain('草稿（未出具）');
  });

  it('订单兑付材料汇总表: the same frame, seven sections, many service records run onto numbered pages', async () => {
    updateSettings(core.ctx, { region: 'shanghai' });
    saveUnit(core.ctx, unitFieldsSchema.parse({ name: '上海材料测试中心' }));
    const lab = saveLab(core.ctx, null, labFieldsSchema.parse({ name: '电镜实验室', contact: '王工', contactPhone: '021-55550000' }));
    const productId = saveProduct(core.ctx, null, productInputSchema.parse({
      code: 'P-FRAME', name: '扫描电镜形貌表征', serviceKind: 'inspection', itemCategory: '检验检测/形貌分析', labId: lab.id,
    })).id;
    const a = firm(core.ctx, { name: '上海新材科技有限公司', region: 'shanghai', smeListed: true, smeListedYear: 2025 });
    const o = saveOrder(core.ctx, null, orderInputSchema.parse({
      number: 'SH-FRAME-1', applicantId: a.id, productId, orderDate: '2025-10-10', totalFen: 12_000 * YUAN, voucherFen: 6_000 * YUAN, payoutParty: 'enterprise',
    }));
    transitionOrder(core.ctx, { id: o.id, to: 'accepted', date: '2025-10-11', note: '' });
    const instrumentId = Number(core.db.prepare(`INSERT INTO instruments(inner_id, name_cn, category_code, original_value_fen, lab_id, created_at, updated_at)
      VALUES ('SEM-F', '场发射扫描电子显微镜', '020101', 60000000, ?, 'x', 'x')`).run(lab.id).lastInsertRowid);
    const log = core.db.prepare(`INSERT INTO usage_logs(instrument_id, order_id, start_at, end_at, operator, external, service_way, direction, content,
      amount_fen, user_name, user_unit, satisfaction, created_at) VALUES (?, ?, ?, ?, '张工', 1, '委托', '科技开发', '形貌观察', 10000, '李经理', '上海新材', 5, 'x')`);
    core.db.transaction(() => {
      for (let d = 0; d < 90; d++) {
        const day = new Date(Date.UTC(2025, 6, 1) + d * 86_400_000).toISOString().slice(0, 10);
        log.run(instrumentId, o.id, `${day}T09:00`, `${day}T10:00`);
      }
    })();
    const pdf = unzipSync((await exportOrderPacket(core.ctx, o.id)).bytes)[ORDER_SUMMARY_PDF];
    const r = readBack('order.pdf', pdf);
    expect(r.pages.length, 'records run onto a second page').toBeGreaterThan(1);
    expectFrame(r, {
      title: '科技创新券订单兑付材料汇总表', infoTitle: '科技创新券订单兑付材料 SH-FRAME-1',
      sections: ['一、服务机构与企业（团队）', '二、订单', '三、金额', '四、服务记录（机时）', '五、办理记录', '六、公示与兑付', '七、兑付材料'],
      signatures: [], seal: '（盖章）', signer: '负责人签字：',
    });
    expect(r.text).toContain('上海材料测试中心');
    expect(r.text).toContain('90.00');
  });
});

/** The running header: absent from the first page (the title block is there), on every later page. */
function expectRunningHeader(r: ReadBack, header: string): void {
  const h = header.replace(/\s+/g, '');
  expect(r.pages.length, 'a report long enough for a running header').toBeGreaterThan(1);
  expect(r.pages[0].split(h).length - 1, 'the first page shows the title block, not the header').toBe(0);
  r.pages.slice(1).forEach((p, i) => expect(p.trimStart().startsWith(h), `page ${i + 2} opens with the header`).toBe(true));
}

describe.runIf(POPPLER)('the reports in the same frame', () => {
  it('年度考核汇总: A4, title block with basis and date, three numbered sections, running header, footer on every page', async () => {
    const a = insertInstrument(core.db, { innerId: 'A1', name: '场发射扫描电镜', categoryCode: '010101', valueFen: 800_000_00 });
    insertInstrument(core.db, { innerId: 'B1', name: '三坐标测量机', categoryCode: '030101', valueFen: 300_000_00, shareMode: '内部共享' });
    insertUsage(core.db, { instrumentId: a, start: '2025-03-10T09:00', end: '2025-03-10T17:00', external: true, amountFen: 200_000, userUnit: 'X公司', satisfaction: 5 });
    const download = await exportAssessmentPdf(core.ctx, { year: 2025, scope: { kind: 'unit' } });
    const r = readBack('assessment.pdf', Buffer.from(download.dataBase64, 'base64'));
    expectFrame(r, {
      title: '2025年度大型科研仪器开放共享考核汇总', infoTitle: '2025 年度开放共享考核 全单位',
      sections: ['一、主要指标', '二、分类统计（15大类）', '三、图表'], signatures: [], seal: '（盖章）', signer: '负责人签字：',
    });
    expect(r.text).toContain('生成日期：2025-11-03');
    expect(r.text).toContain('各大类利用率'); // a chart title drawn inside its SVG, in the shipped font
    expectRunningHeader(r, '2025 年度大型科研仪器开放共享考核汇总 · 全单位');
  }, 60_000);

  it('开放共享自评: the same frame, a section a first-level indicator, evidence named, running header, footer on every page', async () => {
    const lab = labDesk('分析测试中心', 'AT');
    const office = officeDesk();
    try {
      register(office, lab);
      importLabPackage(office.ctx, new Uint8Array(Buffer.from(exportLabPackage(lab.ctx, { fromYear: 2025, toYear: 2026, attachments: false }).dataBase64, 'base64')));
      const first = NATIONAL_EVALUATION_2026.indicators[0];
      setEntry(office.ctx, { fromYear: 2025, toYear: 2026, indicator: first.id, text: '制度健全，专人管理', score: 90 });
      addEvidence(office.ctx, { fromYear: 2025, toYear: 2026, indicator: first.id, fileName: '管理制度汇编.pdf', dataBase64: Buffer.from('%PDF-1.4 evidence').toString('base64') });
      const download = await exportEvaluationPdf(office.ctx, { fromYear: 2025, toYear: 2026 });
      const r = readBack('evaluation.pdf', Buffer.from(download.dataBase64, 'base64'));
      const firstLevel = NATIONAL_EVALUATION_2026.firstLevel;
      expectFrame(r, {
        title: '大型科研仪器开放共享评价考核自评（2025–2026）', infoTitle: '开放共享自评 2025–2026',
        sections: ['一、总分与等级', ...firstLevel.map((f, n) => `${sectionNumeral(n + 2)}、${f.zh}`), `${sectionNumeral(firstLevel.length + 2)}、图表`],
        signatures: [], seal: '（盖章）', signer: '负责人签字：',
      });
      expect(r.text).toContain('生成日期：2027-01-12');
      expect(r.text).toContain('制度健全，专人管理');
      expect(r.text).toContain('佐证：管理制度汇编.pdf');
      expectRunningHeader(r, '大型科研仪器开放共享评价考核自评（2025–2026） · 全单位（1 个实验室）');
    } finally {
      lab.cleanup();
      office.cleanup();
    }
  }, 60_000);
});

describe('the frame pieces', () => {
  it('says a negative amount in 大写 with 负 rather than as zero, and leaves a missing one blank', () => {
    expect(amountCapitals(-15_000)).toBe('负人民币壹佰伍拾元整');
    expect(amountCapitals(0)).toBe('人民币零元整');
    expect(amountCapitals(null)).toBe('');
    expect(amountRow('企业自付金额', null)).toEqual([{ text: '企业自付金额', style: 'th' }, { text: '（未填写）', alignment: 'right' }, '']);
  });

  it('lays a form out in its frame: A4, the font, the title block before the sections, the numbered footer', () => {
    const doc = documentFrame({ title: 'T', subtitle: 'S', infoTitle: 'I', content: [{ text: 'x' }], density: 'compact' });
    expect(doc).toMatchObject({ pageSize: 'A4', pageMargins: [36, 44, 36, 44], info: { title: 'I', creator: 'open-instrument-voucher-desk' }, defaultStyle: { font: CJK_FAMILY } });
    expect(doc.content).toEqual([{ text: 'T', style: 'title' }, { text: 'S', style: 'sub' }, { text: 'x' }]);
    expect((doc.footer as (p: number, n: number) => { text: string })(2, 3).text).toBe('第 2 页 / 共 3 页');
    expect(doc.header).toBeUndefined();
    const headed = documentFrame({ title: 'T', subtitle: 'S', infoTitle: 'I', content: [], runningHeader: 'H · 全单位' });
    const header = headed.header as (p: number) => { text: string } | null;
    expect(header(1)).toBeNull();
    expect(header(2)?.text).toBe('H · 全单位');
    expect(contentWidth()).toBeCloseTo(515.28, 2);
    expect([1, 2, 10].map(sectionNumeral)).toEqual(['一', '二', '十']);
    expect(() => sectionNumeral(11)).toThrow(RangeError);
  });
});
