// Builds the two benchmark pages (bench/render/pages/*.html) with Vite into
// bench/output/render/pages, reusing the app's Vite plugins.
import react from '@vitejs/plugin-react';
import { join } from 'node:path';
import { build } from 'vite';

export const pagesOut = join(import.meta.dirname, '..', 'output', 'render', 'pages');

export async function buildBenchPages(): Promise<string> {
  const root = join(import.meta.dirname, 'pages');
  await build({
    root,
    base: './',
    publicDir: false,
    logLevel: 'warn',
    configFile: false,
    plugins: [react()],
    build: {
      outDir: pagesOut,
      emptyOutDir: true,
      chunkSizeWarningLimit: 8000,
      rollupOptions: { input: { app: join(root, 'app.html'), bare: join(root, 'bare.html') } },
    },
  });
  return pagesOut;
}
