// What the renderer's first screen loads (renderer/src/main.tsx, then mount.tsx): the start-up
// script sends the first screen's calls before React DOM and antd are loaded, and neither it nor
// the shell it then loads carries zod or the IPC contract's schemas (the renderer needs only the
// contract's types). Bundled with esbuild's code splitting, as vite splits it: the first screen is
// the entry's and mount.tsx's chunks with everything they import statically.
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = path.join(__dirname, '..', '..');

async function firstScreen(): Promise<{ entry: string[]; shell: string[]; lazy: string[] }> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['renderer/src/main.tsx'],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: 'out',
    write: false,
    metafile: true,
    jsx: 'automatic',
    loader: { '.css': 'empty' },
    logLevel: 'silent',
  });
  const outputs = (result.metafile as Metafile).outputs;
  /** The inputs of `start` and of every chunk it imports statically. */
  const closure = (start: string): string[] => {
    const seen = new Set<string>();
    const inputs = new Set<string>();
    const visit = (out: string) => {
      if (seen.has(out)) return;
      seen.add(out);
      for (const i of Object.keys(outputs[out].inputs)) inputs.add(i);
      for (const imp of outputs[out].imports) if (imp.kind === 'import-statement') visit(imp.path);
    };
    visit(start);
    return [...inputs];
  };
  const entryOut = Object.keys(outputs).find((o) => outputs[o].entryPoint === 'renderer/src/main.tsx')!;
  const mountOut = Object.keys(outputs).find((o) => Object.keys(outputs[o].inputs).includes('renderer/src/mount.tsx'))!;
  const catalogOut = Object.keys(outputs).find((o) => Object.keys(outputs[o].inputs).includes('renderer/src/pages/catalog/CatalogPage.tsx'))!;
  const all = Object.values(outputs).flatMap((o) => Object.keys(o.inputs));
  expect(catalogOut).toBe(mountOut); // the catalog is drawn with the shell, not a chunk later
  return { entry: closure(entryOut), shell: closure(mountOut), lazy: all };
}

let bundled: ReturnType<typeof firstScreen> | null = null;
const screen = () => (bundled ??= firstScreen());

const isZod = (i: string) => /node_modules\/zod\//.test(i);
const isSchema = (i: string) => i === 'shared/ipc.ts' || (/^shared\/ipc\//.test(i) && i !== 'shared/ipc/paging-limits.ts')
  || i === 'shared/catalog/instrument.ts';

describe('the renderer\'s first screen', () => {
  it('loads no zod and none of the IPC contract\'s schemas; the other pages still have them', async () => {
    const { entry, shell, lazy } = await screen();
    expect(entry.filter(isZod)).toEqual([]);
    expect(shell.filter(isZod)).toEqual([]);
    expect([...entry, ...shell].filter(isSchema)).toEqual([]);
    // The check can fail: the pages loaded later do carry zod (forms parse with the shared schemas).
    expect(lazy.some(isZod)).toBe(true);
  }, 60_000);

  it('sends its first calls from a script without React DOM or antd, which load after', async () => {
    const { entry, shell } = await screen();
    expect(entry).toContain('renderer/src/api.ts');
    expect(entry).toContain('renderer/src/stores/catalog.ts');
    expect(entry.filter((i) => /node_modules\/(react-dom|antd|@ant-design|rc-|@rc-component)/.test(i))).toEqual([]);
    expect(shell.some((i) => /node_modules\/react-dom\//.test(i))).toBe(true);
    expect(shell.some((i) => /node_modules\/antd\//.test(i))).toBe(true);
  }, 60_000);
});
