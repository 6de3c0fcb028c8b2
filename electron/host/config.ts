// Host configuration: command-line flags over environment over the config file in the
// data directory over defaults. Secrets never live here: tokens come from the OS
// keychain (Electron), an owner-only file, or the environment (see secrets.ts).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { scopeCode } from '../../shared/central/records.js';
import { type WallScene, wallScene } from '../../shared/wall/scene.js';

export const configFileSchema = z
  .object({
    centralUrl: z.url({ protocol: /^https?$/ }).nullable().optional(),
    scope: scopeCode.optional(),
    tokenFile: z.string().optional(),
    demo: z.boolean().optional(),
    scene: wallScene.optional(),
  })
  .strict();

export interface HostConfig {
  /** Central API base URL; null runs the embedded demo central (or nothing, with demo off). */
  centralUrl: string | null;
  /** The center's scope (`*`, `53`, `5301`): what the header names and the demo token covers. */
  scope: string;
  tokenFile: string | null;
  /** Start the embedded demo central when no central URL is configured. */
  demo: boolean;
  /** Extra flags for the demo central (tests use a small, fast history). */
  demoCentralArgs: string[];
  /** As written in portwall.json; the host checks it against the registry and scope (scene.ts). */
  scene: WallScene;
  dataDir: string;
  web: { host: string; port: number; accessToken: string | null; open: boolean };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PORTWALL_DATA_DIR) return resolve(env.PORTWALL_DATA_DIR);
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'portwall');
}

export function loadHostConfig(argv: string[], env: NodeJS.ProcessEnv = process.env, dataDirOverride?: string): HostConfig {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    strict: true,
    options: {
      central: { type: 'string' },
      scope: { type: 'string' },
      'token-file': { type: 'string' },
      'data-dir': { type: 'string' },
      'no-demo': { type: 'boolean' },
      web: { type: 'boolean' },
      listen: { type: 'string' },
      port: { type: 'string' },
      'access-token-file': { type: 'string' },
    },
  });

  const dataDir = dataDirOverride ?? (values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir(env));
  const file = readConfigFile(join(dataDir, 'portwall.json'));

  const centralUrl = values.central ?? env.PORTWALL_CENTRAL_URL ?? file.centralUrl ?? null;
  if (centralUrl !== null && !z.url({ protocol: /^https?$/ }).safeParse(centralUrl).success) {
    throw new ConfigError(`Central URL ${JSON.stringify(centralUrl)} is not an http(s) URL.`);
  }
  const scope = values.scope ?? env.PORTWALL_SCOPE ?? file.scope ?? '*';
  if (!scopeCode.safeParse(scope).success) throw new ConfigError(`Scope ${JSON.stringify(scope)} must be *, a 2-digit or a 4-digit customs code.`);

  const host = values.listen ?? env.PORTWALL_WEB_HOST ?? '127.0.0.1';
  const port = Number(values.port ?? env.PORTWALL_WEB_PORT ?? 5780);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`Port ${values.port} is not a TCP port number.`);
  const accessTokenFile = values['access-token-file'] ?? env.PORTWALL_WEB_ACCESS_TOKEN_FILE ?? null;

  return {
    centralUrl: centralUrl ? centralUrl.replace(/\/+$/, '') : null,
    scope,
    tokenFile: values['token-file'] ?? env.PORTWALL_TOKEN_FILE ?? file.tokenFile ?? null,
    demo: values['no-demo'] ? false : env.PORTWALL_DEMO === '0' ? false : (file.demo ?? true),
    demoCentralArgs: (env.PORTWALL_DEMO_CENTRAL_ARGS ?? '').split(' ').filter(Boolean),
    scene: file.scene ?? {},
    dataDir,
    web: { host, port, accessToken: accessTokenFile, open: false },
  };
}

function readConfigFile(path: string): z.infer<typeof configFileSchema> {
  if (!existsSync(path)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
