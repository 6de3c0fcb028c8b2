// `npm run bench`: runs every benchmark under bench/ in one process, one after another,
// and prints their figures. `npm run bench -- --only sync,render` runs some of them;
// other flags are passed to each benchmark's run(argv).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface BenchModule {
  run(argv: string[]): Promise<void>;
}

const benches = ['central', 'sync', 'render'] as const;

const argv = process.argv.slice(2);
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? (argv[onlyIndex + 1] ?? '').split(',').filter(Boolean) : null;
const passThrough = onlyIndex >= 0 ? argv.filter((_, i) => i !== onlyIndex && i !== onlyIndex + 1) : argv;

const unknown = (only ?? []).filter((name) => !(benches as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${benches.join(', ')}`);
  process.exit(2);
}

for (const name of benches) {
  if (only && !only.includes(name)) continue;
  const file = join(import.meta.dirname, `${name}.bench.ts`);
  if (!existsSync(file)) {
    console.log(`\n== ${name}: no benchmark yet (${file})`);
    continue;
  }
  console.log(`\n== ${name}`);
  const started = Date.now();
  const bench = (await import(pathToFileURL(file).href)) as BenchModule;
  await bench.run(passThrough);
  console.log(`(${name} took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
