// electron-builder cannot package here (no Electron zip offline), but its configuration
// can be loaded and validated against its schema offline: a broken electron-builder.yml
// fails CI instead of a release build.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// Deep imports: these helpers are what `electron-builder` itself runs before packaging.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: Record<string, unknown>, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder.yml', () => {
  it('passes electron-builder validation and targets AppImage, deb and NSIS', async () => {
    const root = resolve(import.meta.dirname, '..', '..');
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({
      appId: 'cn.portwall.wall',
      linux: { target: ['AppImage', 'deb'] },
      win: { target: ['nsis'] },
    });
  });

  it('rejects an invalid configuration (the check is real)', async () => {
    const root = resolve(import.meta.dirname, '..', '..');
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration({ ...config, notAnOption: true }, new DebugLogger(false))).rejects.toThrow(/notAnOption/);
  });
});
