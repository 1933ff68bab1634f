// Electron's process.parentPort of a utility process, played over the fork IPC channel (messages
// arrive as { data }, as Electron delivers them). Imported before utility.ts reads it.
type Listener = (e: { data: unknown }) => void;
(process as unknown as { parentPort: unknown }).parentPort = {
  on: (_event: 'message', listener: Listener) => process.on('message', (m) => listener({ data: m })),
  postMessage: (m: unknown) => process.send?.(m),
};
