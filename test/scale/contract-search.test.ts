// Contract search through contracts_search (migration 0040): on a seeded temp desk of 2,400
// contracts, every window and total of the redemption and contract lists equals what the search
// before gave (number, title or applicant name LIKE the term, over the joined rows), for common and
// rare terms, ASCII case, wildcards typed as text, the separator and a term spanning number and
// title; a search is counted from the compact index, and a rare term's window is read from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listContracts } from '../../electron/services/deals/contracts';
import { listRedemptions } from '../../electron/services/redemption/applications';
import { likeContains } from '../../electron/services/sql';
import { createRng } from '../../scripts/lib/prng';
import { contractListSchema } from '../../shared/ipc/deals';
import { redemptionListSchema } from '../../shared/ipc/redemption';
import { tempCore, type TempCore } from '../helpers/db';
import { captureStatements, planOf } from './plan';

let core: TempCore;
const numbers: string[] = [];
const titles: string[] = [];
const AT = '2025-01-01T00:00:00.000Z';

const PLACES = ['北京', '海淀', '天津', '河北', '中关村', '亦庄'];
const TRADES = ['新材', '生物', '智能', '光电', '芯片', 'Bio', 'NANO'];
const WORKS = ['扫描电镜形貌表征', '液相色谱检测', '核磁共振测试', 'X射线衍射分析', '质谱鉴定', '100%_纯度\\检验'];

beforeAll(() => {
  core = tempCore();
  const db = core.db;
  const rng = createRng(40);
  db.transaction(() => {
    const applicants: number[] = [];
    for (let i = 0; i < 120; i++) {
      applicants.push(Number(db.prepare(`INSERT INTO applicants(kind, name, region, created_at, updated_at) VALUES ('enterprise', ?, 'beijing', ?, ?)`)
        .run(`${rng.pick(PLACES)}${rng.pick(TRADES)}科技有限公司${i}`, AT, AT).lastInsertRowid));
    }
    const insert = db.prepare(`INSERT INTO contracts(number, applicant_id, title, signed_date, start_date, end_date, amount_fen, profile_id, status, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 100000, 'beijing-2023', ?, ?, ?)`);
    for (let i = 0; i < 2400; i++) {
      const year = 2015 + (i % 11);
      const number = `${rng.chance(0.5) ? 'HT' : 'ht'}${year}-${String(i).padStart(6, '0')}`;
      const title = `${rng.chance(0.2) ? rng.pick(PLACES) : ''}${rng.pick(WORKS)}服务`;
      // Every 40th ends around today (2025-06-16) with a voucher: the needs-action view holds it.
      const soon = i % 40 === 0;
      const day = soon ? `2025-06-${String(rng.int(1, 28)).padStart(2, '0')}` : `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      const status = soon ? 'active' : rng.pick(['active', 'completed', 'completed', 'void', 'draft'] as const);
      const applicant = rng.pick(applicants);
      const id = Number(insert.run(number, applicant, title, day, day, day, status, AT, AT).lastInsertRowid);
      if (soon) {
        const voucher = Number(db.prepare(`INSERT INTO vouchers(number, applicant_id, face_value_fen, claim_date, registered_date, profile_id, created_at, updated_at)
          VALUES (?, ?, 50000, '2025-04-20', '2025-05-01', 'beijing-2023', ?, ?)`).run(`KJQ-${i}`, applicant, AT, AT).lastInsertRowid);
        db.prepare('INSERT INTO contract_vouchers(contract_id, voucher_id, amount_fen) VALUES (?, ?, 50000)').run(id, voucher);
      }
      // Every 50th has an application under way.
      if (i % 50 === 1) db.prepare(`INSERT INTO redemptions(contract_id, status, created_at, updated_at) VALUES (?, 'submitted', ?, ?)`).run(id, AT, AT);
      numbers.push(number);
      titles.push(title);
    }
  })();
});
afterAll(() => core.cleanup());

/** The search as it was: the three fields LIKE the term over contracts joined to their applicants. */
function before(term: string, o: { statuses?: string[]; sort: string; dir: 'asc' | 'desc' }): number[] {
  const dir = o.dir === 'desc' ? 'DESC' : 'ASC';
  const status = o.statuses ? `c.status IN (${o.statuses.map((s) => `'${s}'`).join(', ')}) AND` : '';
  return core.db.prepare(`SELECT c.id FROM contracts c JOIN applicants a ON a.id = c.applicant_id
      WHERE ${status} (c.number LIKE @like ESCAPE '\\' OR c.title LIKE @like ESCAPE '\\' OR a.name LIKE @like ESCAPE '\\')
      ORDER BY ${o.sort} ${dir}, c.id ${dir}`).pluck().all({ like: likeContains(term) }) as number[];
}

function terms(): string[] {
  return [
    '北京', '海淀', '色谱', '科技', '服务', '中关村', 'bio', 'BIO', 'nano', 'ht2019', 'HT2019-0001', '-0012', numbers[17], numbers[1234].toUpperCase(),
    '%', '_', '\\', '100%_', '纯度\\检', 'x射线', '不存在的词', '有限公司7',
    // Across the number and the title: neither field holds it, so it never matched.
    `${numbers[5].slice(-3)}${titles[5].slice(0, 2)}`, `${numbers[5].slice(-1)}\u001f${titles[5].slice(0, 1)}`, '\u001f',
  ];
}

const windows = [{ offset: 0, limit: 100 }, { offset: 0, limit: 7 }, { offset: 40, limit: 25 }, { offset: 2000, limit: 100 }];

describe('contract search through contracts_search', () => {
  it('redemption list: every window and total as the search before, both sorts and directions', () => {
    const seen = { walk: 0, search: 0 };
    for (const term of terms()) {
      for (const [sort, column] of [['endDate', 'c.end_date'], ['number', 'c.number']] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          const all = before(term, { statuses: ['active', 'completed'], sort: column, dir });
          for (const w of windows) {
            const q = redemptionListSchema.parse({ view: 'all', query: term, sort, dir, ...w });
            const { result, statements } = captureStatements(core.db, () => listRedemptions(core.ctx, q));
            expect(result.total, `${term} ${sort} ${dir}`).toBe(all.length);
            expect(result.rows.map((r) => r.contractId), `${term} ${sort} ${dir} ${w.offset}`).toEqual(all.slice(w.offset, w.offset + w.limit));
            const win = statements.find((s) => /LIMIT @limit/.test(s.sql));
            if (win) seen[/INDEXED BY contracts_search/.test(win.sql) ? 'search' : 'walk']++;
          }
        }
      }
    }
    // Both plans answered some windows.
    expect(seen.walk).toBeGreaterThan(10);
    expect(seen.search).toBeGreaterThan(10);
  });

  it('redemption list: the needs-action view and a status filter searched, as the search before', () => {
    for (const term of ['北京', 'ht2024', numbers[24], '不存在的词']) {
      for (const [view, status] of [['action', undefined], ['action', 'none'], ['all', 'submitted']] as const) {
        {
          const q = redemptionListSchema.parse({ view, status, limit: 500 });
          const whole = listRedemptions(core.ctx, q).rows.map((r) => r.contractId);
          const wanted = new Set(before(term, { sort: 'c.id', dir: 'asc' }));
          const searched = listRedemptions(core.ctx, redemptionListSchema.parse({ view, status, query: term, limit: 500 }));
          expect(searched.rows.map((r) => r.contractId)).toEqual(whole.filter((id) => wanted.has(id)));
          expect(searched.total).toBe(searched.rows.length);
          expect(whole.length).toBeLessThan(500);
          if (view === 'action') expect(whole.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('contracts list: every window and total as the search before, each sort, with and without a status', () => {
    for (const term of terms()) {
      for (const [sort, column] of [['signedDate', 'c.signed_date'], ['endDate', 'c.end_date'], ['number', 'c.number']] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          for (const status of [undefined, 'void'] as const) {
            const all = before(term, { statuses: status ? [status] : undefined, sort: column, dir });
            for (const w of windows) {
              const page = listContracts(core.ctx, contractListSchema.parse({ query: term, sort, dir, status, ...w }));
              expect(page.total, `${term} ${sort}`).toBe(all.length);
              expect(page.rows.map((r) => r.id), `${term} ${sort} ${dir} ${w.offset}`).toEqual(all.slice(w.offset, w.offset + w.limit));
            }
          }
        }
      }
    }
  });

  it('a search is counted from the compact index, and a rare term\'s window is read from it', () => {
    const rare = captureStatements(core.db, () => listRedemptions(core.ctx, redemptionListSchema.parse({ view: 'all', query: numbers[99] }))).statements;
    const count = rare.find((s) => /count\(\*\)/.test(s.sql))!;
    expect(planOf(core.db, count).join('\n')).toContain('USING COVERING INDEX contracts_search');
    const win = rare.find((s) => /LIMIT @limit/.test(s.sql))!;
    expect(planOf(core.db, win).join('\n')).toContain('contracts_search');
    // A common term fills page 1 along the end date's index, without sorting.
    const common = captureStatements(core.db, () => listRedemptions(core.ctx, redemptionListSchema.parse({ view: 'all', query: '服务' }))).statements;
    const plan = planOf(core.db, common.find((s) => /LIMIT @limit/.test(s.sql))!).join('\n');
    expect(plan).not.toContain('TEMP B-TREE');
    const contracts = captureStatements(core.db, () => listContracts(core.ctx, contractListSchema.parse({ query: numbers[99] }))).statements;
    expect(planOf(core.db, contracts.find((s) => /count\(\*\)/.test(s.sql))!).join('\n')).toContain('USING COVERING INDEX contracts_search');
  });

  it('no match reads no window', () => {
    const { result, statements } = captureStatements(core.db, () => listRedemptions(core.ctx, redemptionListSchema.parse({ view: 'all', query: '不存在的词' })));
    expect(result).toEqual({ rows: [], total: 0 });
    expect(statements.some((s) => /LIMIT @limit/.test(s.sql))).toBe(false);
  });
});
