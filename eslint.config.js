// Lint rules that keep the layers apart (ARCHITECTURE.md): the renderer never reaches
// into the host or Node, shared code imports neither side, central is a separate server.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'net', 'http', 'https', 'crypto'];

function forbid(patterns, message) {
  return { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] };
}

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
    files: ['**/*.{js,mjs,cjs,ts}'],
    ignores: ['renderer/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: forbid(
      ['**/electron/**', 'electron', 'better-sqlite3', '**/central/**', ...nodeBuiltins],
      'The renderer talks to the host only through window.portwall (shared/host/api.ts).',
    ),
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid(
      ['**/electron/**', '**/renderer/**', '**/central/**', 'electron', 'better-sqlite3', 'react', 'react-dom', ...nodeBuiltins],
      'shared/ is used by both sides and by central: it imports neither.',
    ),
  },
  {
    files: ['central/**/*.ts'],
    rules: forbid(['**/electron/**', '**/renderer/**', 'electron'], 'central/ is a separate server; it shares only shared/.'),
  },
);
