// Where the host finds its files: the repository when run from source or dist/, the
// app bundle and its extraResources when packaged by electron-builder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AppPaths {
  rendererDir: string;
  resourcesDir: string;
  preload: string;
  demoCentralEntry: string;
}

/** `root` holds dist/ and resources/ (the repo, or the packaged app's folders). */
export function appPaths(root: string, resourcesRoot: string = root): AppPaths {
  return {
    rendererDir: join(root, 'dist', 'renderer'),
    resourcesDir: join(resourcesRoot, 'resources'),
    preload: join(root, 'dist', 'electron', 'preload.cjs'),
    demoCentralEntry: join(root, 'dist', 'central', 'cli.cjs'),
  };
}

export function packageVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
