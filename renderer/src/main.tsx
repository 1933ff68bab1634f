// The start-up script: it sends the first screen's calls at once, then loads React, antd and the
// shell (mount.tsx, a chunk of its own). The desk answers while the browser compiles that chunk and
// renders the shell, instead of after the shell's first render.
import { useCatalog } from './stores/catalog';
import { useNav } from './stores/nav';
import { useSecurity } from './stores/security';

// Errors are shown by the page, which asks for the same rows when it mounts and gets this call's answer.
void useSecurity.getState().refresh().catch(() => undefined);
if (useNav.getState().page === 'catalog') void useCatalog.getState().preload().catch(() => undefined);

void import('./mount').then((m) => m.mount(document.getElementById('root')!));
