// Builds window.api from the contract's channel names and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadApi } from './security/preload-api';

export { buildPreloadApi };

contextBridge.exposeInMainWorld('api', buildPreloadApi((c, input, jobToken) => (jobToken === undefined ? ipcRenderer.invoke(c, input) : ipcRenderer.invoke(c, input, jobToken))));
