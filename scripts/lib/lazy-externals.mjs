// An esbuild plugin that loads large libraries on first use instead of at start-up. The desk's
// host requires every service at start, and exceljs, SheetJS and pdfmake alone took 0.6–2 s to
// load on these machines, before the first call could be answered, although only exports and
// imports use them. Each listed module is replaced in the bundle by a stand-in that knows the
// module's export names (read at build time) and requires the real module the first time one of
// them is read, called or constructed. Behaviour is otherwise the same.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The modules loaded on first use. */
export const LAZY_MODULES = ['exceljs', '@e965/xlsx', 'pdfmake'];

function standIn(name) {
  const real = require(name);
  const keys = Object.getOwnPropertyNames(real);
  const esModule = real.__esModule === true;
  const callable = typeof real === 'function';
  return `"use strict";
const KEYS = ${JSON.stringify(keys)};
let real;
const load = () => (real ??= require(${JSON.stringify(name)}));
const target = ${callable ? 'function () {}' : '{}'};
module.exports = new Proxy(target, {
  get(_, key) { return key === '__esModule' ? ${esModule ? 'true' : 'undefined'} : load()[key]; },
  has(_, key) { return key in load(); },
  set(_, key, value) { load()[key] = value; return true; },
  ownKeys() { return [...new Set([...KEYS, ...Reflect.ownKeys(target)])]; },
  getOwnPropertyDescriptor(_, key) {
    const own = Reflect.getOwnPropertyDescriptor(target, key);
    if (own) return own;
    return KEYS.includes(key) ? { configurable: true, enumerable: true, writable: true, value: undefined } : undefined;
  },
  ${callable ? 'apply(_, self, args) { return Reflect.apply(load(), self, args); },\n  construct(_, args) { return Reflect.construct(load(), args); },' : ''}
});
`;
}

export function lazyExternals(modules = LAZY_MODULES) {
  const filter = new RegExp(`^(${modules.map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'lazy-externals',
    setup(build) {
      // The stand-in's own require of the module stays external (the real package at run time).
      build.onResolve({ filter }, (args) => (args.namespace === 'lazy-external'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'lazy-external' }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-external' }, (args) => ({ contents: standIn(args.path), loader: 'js', resolveDir: process.cwd() }));
    },
  };
}
