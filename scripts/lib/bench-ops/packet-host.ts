// The server side of the packet bench in a process of its own, so its memory is the server's
// alone: the core host in a worker thread (as browser mode runs it), the calls relayed from the
// bench over the process's IPC channel. Arguments: the data folder and the desk's date.
import { startWorkerCore } from '../../../electron/core-host/client';

type Ask = { id: number; channel: string; input: unknown } | { close: true };

const [dataDir, today] = process.argv.slice(2);
const send = (m: unknown) => process.send?.(m);
const host = startWorkerCore({ dataDir, mode: 'browser', fixedToday: today, autoBackup: false });
host.ready.then(() => send({ t: 'ready' }), (e: unknown) => { send({ t: 'failed', message: e instanceof Error ? e.message : String(e) }); process.exit(1); });
process.on('message', (m: Ask) => {
  if ('close' in m) { void host.close().then(() => process.exit(0)); return; }
  void host.call(m.channel, m.input).then((result) => send({ t: 'result', id: m.id, result }));
});
