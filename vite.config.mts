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
    rollupOptions: {
      output: {
        // React DOM in a chunk of its own, fetched and compiled beside antd and the shell (mount.tsx
        // loads both); React itself (small, the stores need it) apart from it, so the start-up
        // script's first calls do not wait for React DOM. antd is left to the bundler's own
        // splitting: forced into one chunk, the components only later pages use would load at start too.
        manualChunks(id) {
          if (/[\\/]node_modules[\\/](react-dom|scheduler)[\\/]/.test(id)) return 'react-dom';
          if (/[\\/]node_modules[\\/]react[\\/]/.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
});
