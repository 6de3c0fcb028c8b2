// Lint rules that keep the layers apart (ARCHITECTURE.md): the renderer never reaches
// into the host or Node, shared code imports neither side, central is a separate server.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'net', 'http', 'https', 'crypto'];

/** Packages a layer may not import (folders are fenced by the path zones below). */
function forbidPackages(packages, message) {
  return { 'no-restricted-imports': ['error', { patterns: [{ group: packages, message }] }] };
}

/** Which top-level folders may not import which (paths, so shared/central is not central/). */
const layerZones = [
  { target: './renderer', from: ['./electron', './central'], message: 'The renderer talks to the host only through window.portwall (shared/host/api.ts).' },
  { target: './shared', from: ['./electron', './renderer', './central'], message: 'shared/ is used by both sides and by central: it imports neither.' },
  { target: './central', from: ['./electron', './renderer'], message: 'central/ is a separate server; it shares only shared/.' },
  { target: './electron', from: ['./renderer'], message: 'The host never imports renderer code.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', 'e2e/output/', 'bench/output/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    plugins: { 'import-x': importX },
    // Resolves `./foo.js` to `./foo.ts` as TypeScript does, so zones see real paths.
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
  },
  {
    files: ['**/*.{js,mjs,cjs,ts}'],
    ignores: ['renderer/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: forbidPackages(['electron', 'better-sqlite3', ...nodeBuiltins], 'The renderer runs sandboxed in a browser: no Node or Electron modules.'),
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbidPackages(['electron', 'better-sqlite3', 'react', 'react-dom', ...nodeBuiltins], 'shared/ runs everywhere: no Node, Electron or React modules.'),
  },
  {
    files: ['central/**/*.ts'],
    rules: forbidPackages(['electron'], 'central/ is a plain Node server.'),
  },
);
