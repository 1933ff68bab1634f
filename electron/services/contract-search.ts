// Contract search (the redemption and contract lists): a term matches a contract's number, its
// title or its applicant's name. The number and the title are one indexed expression (joined by a
// separator, contracts_search, migration 0040), so a search reads one pattern per contract from
// that compact index alone instead of every contract row; the applicant's name is matched once per
// applicant, as the set of applicants whose name matches.
import { likeContains } from './sql';

/** What joins the number and the title in the index (char(31)): a term holding it is matched field by field. */
const SEPARATOR = '\u001f';
/** The indexed expression of contracts_search, written as the index has it so the index answers it. */
const SEARCH_TEXT = '(c.number || char(31) || c.title)';

/**
 * The condition (contracts aliased c) and its LIKE pattern; `param` is the placeholder the
 * condition uses for the pattern (a name such as `@like`, or `?`), `uses` how often it appears.
 */
export function contractSearchWhere(term: string, param: string): { sql: string; like: string; uses: number; indexed: boolean } {
  const like = likeContains(term);
  const applicant = `c.applicant_id IN (SELECT sa.id FROM applicants sa WHERE sa.name LIKE ${param} ESCAPE '\\')`;
  // A match inside number || separator || title is a match inside one of them, unless the term holds the separator.
  if (term.includes(SEPARATOR)) {
    return { sql: `(c.number LIKE ${param} ESCAPE '\\' OR c.title LIKE ${param} ESCAPE '\\' OR ${applicant})`, like, uses: 3, indexed: false };
  }
  return { sql: `(${SEARCH_TEXT} LIKE ${param} ESCAPE '\\' OR ${applicant})`, like, uses: 2, indexed: true };
}

/**
 * Whether page 1 of a search is found sooner along the sort's index (reading contracts until the
 * window is full) than by reading every match from contracts_search and sorting the matches: with
 * `matches` of about `contracts` rows matching, the walk reads about (offset + limit) × contracts /
 * matches rows. Either way the rows are the same; only the plan differs.
 */
export function walkSortIndex(matches: number, contracts: number, offset: number, limit: number): boolean {
  return matches > 0 && ((offset + limit) * contracts) / matches <= 20_000;
}
