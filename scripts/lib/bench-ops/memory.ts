// Peak memory of the desk's server while a bench step runs, read from /proc (Linux): each process's
// resident set (VmRSS, every thread of it: the core host's worker thread, the packet and
// assessment workers, the HTTP side) sampled every 100 ms, and its high-water mark (VmHWM, the
// kernel's own peak over the process's life), whichever is larger. Not available elsewhere: the
// row then says so.
import fs from 'node:fs';
import type { OpResult } from './types';

/** The target of issue 15: the server stays under this much resident memory throughout. */
export const SERVER_RSS_TARGET_MB = 500;

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** This process's children whose command line matches `match` (the pages bench's browser-mode servers). */
export function childProcesses(match: RegExp): number[] {
  if (!fs.existsSync('/proc/self/stat')) return [];
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (match.test(fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' '))) out.push(Number(name));
    } catch { /* the process ended meanwhile */ }
  }
  return out;
}

export interface RssWatch {
  /** Stops sampling; the peak in MB over every process seen (null when nothing could be read). */
  stop(): { peakMb: number | null; processes: number };
}

/** Samples the resident memory of the processes `pids()` names every `everyMs` until stopped. */
export function watchRss(pids: () => number[], everyMs = 100): RssWatch {
  const peakKb = new Map<number, number>();
  const sample = () => {
    for (const pid of pids()) {
      const kb = Math.max(statusKb(pid, 'VmRSS') ?? 0, statusKb(pid, 'VmHWM') ?? 0);
      if (kb > 0) peakKb.set(pid, Math.max(peakKb.get(pid) ?? 0, kb));
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    stop() {
      sample();
      clearInterval(timer);
      return { peakMb: peakKb.size ? Math.max(...peakKb.values()) / 1024 : null, processes: peakKb.size };
    },
  };
}

/** A bench row for a peak: the figure in MB against the 500 MB target (a missed target fails the run). */
export function rssRow(name: string, peak: { peakMb: number | null; processes: number }, note: string): OpResult {
  if (peak.peakMb === null) return { name, skipped: 'no process memory to read (/proc missing, or no server process seen)' };
  return {
    name, unit: 'MB', service: { samples: [peak.peakMb], median: peak.peakMb, p95: peak.peakMb },
    target: { metric: 'median', maxMs: SERVER_RSS_TARGET_MB }, note,
  };
}
