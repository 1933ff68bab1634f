// Catalog search as the catalog page calls it (a page of 100): FTS5 trigram for 3+ characters,
// the character-pair index (instrument_grams, 0031) for 2, LIKE for 1. Terms rotate across runs so
// p95 covers common and rare words. The baselines run the service's statement for the term alone (no
// synonyms): a page of 100 and the count, bare.
import { listInstruments } from '../../../electron/services/catalog/instruments';
import { measure } from '../timing';
import { explain, type BenchOp } from './types';

const THREE_CHAR = ['色谱仪', '显微镜', '光谱仪', '质谱仪', '分析仪', '试验机', '激光器', '衍射仪'];
const TWO_CHAR = ['质谱', '色谱', '电镜', '光谱', '激光', '核磁', '探伤', '测序'];
const COLUMNS = `i.id, i.inner_id, i.name_cn, i.model, i.category_code, i.original_value_fen, i.status, i.share_mode,
  l.name AS lab, i.location, i.retired_at`;
/** The service's statement for one term alone: its matches' ids sorted and counted from the narrow keys (0046), then the page's rows. */
const pageOf = (match: string) => `SELECT ${COLUMNS}, p.total FROM (SELECT i.id AS pageId, count(*) OVER () AS total
    FROM instruments i INDEXED BY instruments_search_keys WHERE i.id IN (${match}) AND i.retired_at IS NULL ORDER BY i.inner_id, i.id LIMIT 100) p
  JOIN instruments i ON i.id = p.pageId LEFT JOIN labs l ON l.id = i.lab_id ORDER BY i.inner_id, i.id`;

export const catalogSearch: BenchOp = {
  id: 'search',
  async run(env) {
    const ftsSql = pageOf('SELECT rowid FROM instruments_fts WHERE instruments_fts MATCH ?');
    const pairSql = pageOf('SELECT instrument_id FROM instrument_grams WHERE gram = lower(@t)');
    const fts = env.db.prepare(ftsSql);
    const pair = env.db.prepare(pairSql);
    const samples = env.runs * THREE_CHAR.length;
    // The targets: p95 < 10 ms at 10,000 instruments, < 20 ms at national scale (100,000).
    const maxMs = env.meta.totals.instruments >= 50_000 ? 20 : 10;
    const at = (terms: string[], i: number) => terms[i % terms.length];
    return [
      {
        name: `catalog search, 3 chars (${THREE_CHAR.length} terms)`,
        service: await measure(samples, (i) => listInstruments(env.ctx, { query: at(THREE_CHAR, i), limit: 100 })),
        baseline: await measure(samples, (i) => fts.all(`"${at(THREE_CHAR, i)}"`)),
        showP95: true,
        target: { metric: 'p95', maxMs },
        plan: explain(env.db, ftsSql, `"${THREE_CHAR[0]}"`),
      },
      {
        name: `catalog search, 2 chars (${TWO_CHAR.length} terms)`,
        service: await measure(samples, (i) => listInstruments(env.ctx, { query: at(TWO_CHAR, i), limit: 100 })),
        baseline: await measure(samples, (i) => pair.all({ t: at(TWO_CHAR, i) })),
        showP95: true,
        target: { metric: 'p95', maxMs },
        plan: explain(env.db, pairSql, { t: TWO_CHAR[0] }),
      },
    ];
  },
};
