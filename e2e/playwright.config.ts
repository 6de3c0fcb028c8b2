import { defineConfig } from '@playwright/test';
import { findChromium } from './chromium.js';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: './output/test-results',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  // Software WebGL on two cores: one browser at a time keeps runs predictable.
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: './output/results.json' }]] : 'list',
  use: {
    // Playwright's default arguments: they are what makes WebGL2 work through SwiftShader here.
    launchOptions: { executablePath: findChromium() },
    trace: 'retain-on-failure',
  },
});
