import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cspMetaTag } from './scripts/lib/vite-csp-meta';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [cspMetaTag(), react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
