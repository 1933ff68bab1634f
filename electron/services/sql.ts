/** A LIKE pattern matching `term` anywhere, with its wildcards escaped (use with ESCAPE '\'). */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}
