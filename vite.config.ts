import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built once and served by Electron (file://) or by the browser-mode
// host (http://127.0.0.1): relative asset URLs work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // Every asset is a file: the CSP allows fonts and scripts from 'self' only, not data: URIs.
    assetsInlineLimit: 0,
    sourcemap: true,
  },
  server: { host: '127.0.0.1' },
});
