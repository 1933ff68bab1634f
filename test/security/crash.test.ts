// Crash safety: a writer is SIGKILLed at random moments, hundreds of times; after every kill the
// database must pass integrity_check, hold no contract without bookings (or the reverse), and
// still contain every contract the writer reported as committed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyKey, openDatabase } from '../../electron/db/connection';
import { MIGRATIONS, tempDir } from './helpers';

const WRITER = path.join(__dirname, 'crash-writer.mjs');

/** Deterministic pseudo-random delays, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

function seed(file: string, key?: string): void {
  const { db } = openDatabase(file, { key, migrationsDir: MIGRATIONS });
  const at = '2025-06-16T02:00:00.000Z';
  db.prepare(`INSERT INTO applicants(id, kind, name, created_at, updated_at) VALUES (1, 'enterprise', '测试企业', ?, ?)`).run(at, at);
  db.prepare(`INSERT INTO instruments(id, inner_id, name_cn, category_code, original_value_fen, created_at, updated_at)
    VALUES (1, 'YQ-1', '液相色谱仪', '020101', 100000000, ?, ?)`).run(at, at);
  db.close();
}

/**
 * Runs the writer and kills it with SIGKILL `delayMs` after it reports ready (or after spawn when
 * `early`: then it may die while opening or recovering); returns the ids it reported committed.
 */
function runAndKill(file: string, key: string | undefined, delayMs: number, early: boolean): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, key ? [WRITER, file, key] : [WRITER, file], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined = early ? setTimeout(() => child.kill('SIGKILL'), delayMs) : undefined;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!timer && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') { reject(new Error(`writer ended by itself (${code}): ${err}`)); return; }
      resolve(out.split('\n').filter((l) => /^\d+$/.test(l)).map(Number));
    });
  });
}

function check(file: string, key: string | undefined, committed: number[]) {
  const db = new Database(file);
  try {
    if (key) applyKey(db, key);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const lonelyContracts = db.prepare('SELECT count(*) FROM contracts c WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.contract_id = c.id)').pluck().get();
    const orphanBookings = db.prepare('SELECT count(*) FROM bookings b WHERE NOT EXISTS (SELECT 1 FROM contracts c WHERE c.id = b.contract_id)').pluck().get();
    expect(lonelyContracts).toBe(0);
    expect(orphanBookings).toBe(0);
    // Each contract has exactly the bookings its transaction wrote (1–4, by its sequence number).
    const wrongCounts = db.prepare(`SELECT count(*) FROM contracts c WHERE (SELECT count(*) FROM bookings b WHERE b.contract_id = c.id)
      <> 1 + (CAST(substr(c.number, instr(substr(c.number, 4), '-') + 4) AS INTEGER) % 4)`).pluck().get();
    expect(wrongCounts).toBe(0);
    if (committed.length) {
      const present = db.prepare(`SELECT count(*) FROM contracts WHERE id IN (SELECT value FROM json_each(?))`).pluck().get(JSON.stringify(committed));
      expect(present).toBe(committed.length);
    }
    return Number(db.prepare('SELECT count(*) FROM contracts').pluck().get());
  } finally {
    db.close();
  }
}

async function killLoop(rounds: number, key: string | undefined, seedNo: number) {
  const dir = tempDir();
  const file = path.join(dir, 'desk.sqlite');
  try {
    seed(file, key);
    const random = rng(seedNo);
    let contracts = 0;
    let killsWithWrites = 0;
    for (let i = 0; i < rounds; i++) {
      // Short runs: one in eight dies while opening or recovering, the rest in the middle of writing.
      const early = random() < 0.125;
      const committed = await runAndKill(file, key, Math.floor(random() * (early ? 80 : 25)), early);
      if (committed.length) killsWithWrites++;
      const now = check(file, key, committed);
      expect(now).toBeGreaterThanOrEqual(contracts); // nothing committed disappears
      contracts = now;
    }
    return { contracts, killsWithWrites };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('crash safety under SIGKILL', () => {
  it('plain database: 200 kills, always consistent', async () => {
    const { contracts, killsWithWrites } = await killLoop(200, undefined, 20250616);
    expect(killsWithWrites).toBeGreaterThan(100); // most kills really interrupted a writer
    expect(contracts).toBeGreaterThan(500);
  }, 120_000);

  it('encrypted database: 10 kills, always consistent', async () => {
    const { contracts } = await killLoop(10, 'crash test passphrase', 7);
    expect(contracts).toBeGreaterThan(0);
  }, 120_000);
});
