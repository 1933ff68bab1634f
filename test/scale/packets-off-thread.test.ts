// A batch packet export renders in a worker thread of its own: while the core host runs a batch,
// it keeps answering pings and catalog searches far faster than one packet takes on its own thread
// (a search arriving during a packet rendered there would wait for it), and the bundle downloads.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { startWorkerCore } from '../../electron/core-host/client';
import { buildPacket } from '../../electron/services/redemption/packet';
import type { JobStatus } from '../../shared/ipc/redemption';
import { tempCore } from '../helpers/db';
import { insertContract } from '../redemption/fixtures';

const TODAY = '2025-06-16';
const PACKETS = 16;
const pct = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * q))]; };

describe('batch packets off the core host thread', () => {
  it('answers pings and catalog searches while a batch renders', async () => {
    const core = tempCore(`${TODAY}T02:00:00.000Z`);
    let host: ReturnType<typeof startWorkerCore> | undefined;
    try {
      const ids = Array.from({ length: PACKETS }, (_, n) => insertContract(core.db, { number: `HT-S-${n}` }).contractId);
      // One packet on the host's own thread, warm: how long a call arriving during it would wait there.
      await buildPacket(core.ctx, ids[0]);
      const onThread: number[] = [];
      for (const id of ids.slice(0, 3)) { const t = performance.now(); await buildPacket(core.ctx, id); onThread.push(performance.now() - t); }
      const perPacket = pct(onThread, 0.5);
      core.close();

      host = startWorkerCore({ dataDir: core.dir, mode: 'browser', fixedToday: TODAY });
      await host.ready;
      expect(await host.call('catalog:list', { query: '电镜', limit: 100 })).toMatchObject({ ok: true });
      const started = await host.call('packets:startBatch', { contractIds: ids });
      expect(started).toMatchObject({ ok: true });
      const { jobId } = (started as { value: { jobId: string } }).value;
      const searches: number[] = [];
      const pings: number[] = [];
      let status: JobStatus = { jobId, done: 0, total: PACKETS, state: 'running' };
      let sawProgress = false;
      while (status.state === 'running') {
        pings.push(await host.ping());
        const t = performance.now();
        const listed = await host.call('catalog:list', { query: '电镜', limit: 100 });
        const ms = performance.now() - t;
        expect(listed.ok).toBe(true);
        status = ((await host.call('packets:jobStatus', { jobId })) as { value: JobStatus }).value;
        if (status.state === 'running' && status.done > 0) { searches.push(ms); sawProgress = true; }
        await new Promise((r) => setTimeout(r, 5));
      }
      console.log(`[packets worker] ${PACKETS} packets; one on the host thread ${perPacket.toFixed(0)} ms; ${searches.length} searches beside the batch: `
        + `p50 ${pct(searches, 0.5).toFixed(1)} ms, p95 ${pct(searches, 0.95).toFixed(1)} ms, max ${Math.max(...searches).toFixed(1)} ms; `
        + `pings max ${Math.max(...pings).toFixed(1)} ms; load ${os.loadavg()[0].toFixed(1)}`);
      expect(status).toMatchObject({ state: 'done', done: PACKETS });
      expect(sawProgress).toBe(true);
      expect(searches.length).toBeGreaterThan(PACKETS);
      // On the host's thread a search waited for the packet being rendered (p95 ≈ one packet).
      expect(pct(searches, 0.95)).toBeLessThan(perPacket / 2);
      const result = await host.call('packets:jobResult', { jobId });
      expect(result).toMatchObject({ ok: true, value: { mimeType: 'application/zip' } });
      expect(await host.call('packets:jobResult', { jobId })).toMatchObject({ ok: false, error: { reason: 'packetJob.notFound' } });
    } finally {
      await host?.close();
      core.cleanup();
    }
  }, 240_000);
});
