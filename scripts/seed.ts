// npm run seed -- --instruments 10000 --years 10 [--out path] [--seed 42] [--today 2026-06-15]
// Generates the benchmark database (see docs/PERFORMANCE.md).

import { intArg, parseArgs } from './lib/args';
import { seedDatabase } from './lib/seed';
import { DEFAULT_OUT, DEFAULT_TODAY } from './lib/seed/options';

const args = parseArgs(process.argv.slice(2));
const out = args.get('out') ?? DEFAULT_OUT;
const totals = seedDatabase({
  instruments: intArg(args, 'instruments', 10_000),
  years: intArg(args, 'years', 10),
  seed: intArg(args, 'seed', 42),
  out,
  today: args.get('today') ?? DEFAULT_TODAY,
  bookings: args.has('bookings') ? intArg(args, 'bookings', 0) : undefined,
  contracts: args.has('contracts') ? intArg(args, 'contracts', 0) : undefined,
  vouchers: args.has('vouchers') ? intArg(args, 'vouchers', 0) : undefined,
  log: (m) => console.log(m),
});
console.log(`\nwrote ${out}`);
for (const [k, v] of Object.entries(totals)) {
  console.log(`  ${k.padEnd(18)} ${typeof v === 'number' ? v.toLocaleString('en', { maximumFractionDigits: 2 }) : JSON.stringify(v)}`);
}
