// The worker thread that builds a batch of redemption packets off the core host's thread: each
// packet is a tenth of a second of synchronous rendering (summary PDF with the CJK font, records
// .xlsx, statement PDF, zip), which on the host's thread would hold every call arriving meanwhile.
// It reads on a read-only connection of its own to the desk's file, as the assessment worker does:
// the passphrase of an encrypted desk and the data key that opens sealed attachments arrive in the
// job's message, in memory only, and go with the thread. Packets and the bundle stay in memory and
// travel to the host as bytes; nothing is written to disk. The host writes each packet's audit
// entry when its message arrives (this connection cannot write) and ends the thread on cancel,
// lock or close.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppFailure, type AppError } from '../../../shared/result';
import { applyConnectionPragmas, applyKey } from '../../db/connection';
import { bindKeys, type DataKey, type OpenKeys } from '../../security/keyring';
import type { ServiceContext } from '../context';
import { buildPacket, zipFiles } from './packet';
import { uniqueName } from './safe-name';

/** The folder inside the bundle that holds one zip per contract. */
export const BUNDLE_FOLDER = '兑现材料';

export interface PacketBatchJob {
  /** The desk's database file, opened read-only here. */
  file: string;
  /** The passphrase of an encrypted desk: in this message only, never written anywhere. */
  key?: string;
  /** The open data keys (sealed attachments): in this message only. */
  keys: OpenKeys;
  dataDir: string;
  actor: string;
  /** The host's clock when the batch started: every packet of the batch is dated by it. */
  nowIso: string;
  contractIds: number[];
}

export type PacketBatchMessage =
  /** One packet built (its audit entry is the host's to write). */
  | { t: 'packet'; contractId: number; files: number }
  | { t: 'done'; bytes: Uint8Array }
  | { t: 'failed'; error: AppError; message: string }
  | { t: 'failed'; message: string };

/** A key as structured cloning delivers it (a Uint8Array), back as the Buffer the sealing code expects. */
const asKey = (k: DataKey | null): DataKey | null => (k ? { id: k.id, key: Buffer.from(k.key) } : null);

/** Builds every packet of the job and the bundle; `post` receives one message per packet, then the bundle. */
export async function runPacketBatch(job: PacketBatchJob, post: (m: PacketBatchMessage, transfer?: ArrayBuffer[]) => void): Promise<void> {
  const db = new Database(job.file, { readonly: true, fileMustExist: true });
  const inner: { path: string; bytes: Uint8Array }[] = [];
  try {
    if (job.key !== undefined) applyKey(db, job.key);
    applyConnectionPragmas(db, { readonly: true }); // the one set of connection settings (temporary storage in memory included)
    const now = new Date(job.nowIso);
    const ctx: ServiceContext = { db, dataDir: job.dataDir, actor: job.actor, now: () => now };
    const keys: OpenKeys = { ...job.keys, current: asKey(job.keys.current)!, retiring: asKey(job.keys.retiring) };
    bindKeys(ctx, () => keys);
    const taken = new Set<string>();
    for (const contractId of job.contractIds) {
      const { packet, files } = await buildPacket(ctx, contractId);
      inner.push({ path: uniqueName(packet.fileName, taken), bytes: packet.bytes });
      post({ t: 'packet', contractId, files });
    }
    const bundle = zipFiles(inner.map((p) => ({ path: `${BUNDLE_FOLDER}/${p.path}`, bytes: p.bytes })), now);
    inner.length = 0;
    post({ t: 'done', bytes: bundle }, [bundle.buffer as ArrayBuffer]);
  } finally {
    inner.length = 0;
    db.close();
  }
}

/** How much this thread yields the cores to the others (nice value): the thread answering calls comes first. */
const BACKGROUND_NICE = 10;

/**
 * Lowers this thread's scheduling priority where the system allows one thread's to be set (Linux:
 * setpriority on the thread's own id), so a search waits for no packet even when both cores are
 * busy; elsewhere the batch runs at the usual priority.
 */
function runInBackground(): void {
  try {
    const tid = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) os.setPriority(tid, BACKGROUND_NICE);
  } catch { /* no per-thread priority here */ }
}

/** The worker's entry: one job per thread, answered by its messages; the thread ends with it. */
function serve(): void {
  const port = parentPort;
  if (!port) return;
  runInBackground();
  port.once('message', (job: PacketBatchJob) => {
    runPacketBatch(job, (m, transfer) => port.postMessage(m, transfer)).catch((e: unknown) => {
      // A refusal travels as its code and reason; the renderer words it in the chosen language.
      port.postMessage(e instanceof AppFailure
        ? { t: 'failed', error: e.error, message: e.message }
        : { t: 'failed', message: e instanceof Error ? e.stack ?? e.message : String(e) });
    });
  });
}

if ((workerData as { packetWorker?: boolean } | null)?.packetWorker === true) serve();
