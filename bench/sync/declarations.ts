// Deterministic declaration records for the sync benchmark: shaped like central's
// (ports, units and partners from the shipped registry), generated fast and identically
// in the central child and in the raw-insert baseline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeclarationRecord } from '../../shared/central/records.js';

interface Registry {
  ports: Array<{ code: string; unit: string; type: string }>;
  subordinates: Array<{ code: string; parent: string }>;
  partners: Array<{ iso2: string }>;
}

const registry = JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/registry/customs-registry.json'), 'utf8')) as Registry;
const stages = ['declared', 'screening', 'inspection', 'held', 'released'] as const;
const words = ['笔记本电脑', '锂离子电池', '集成电路', '冷冻虾仁', '大豆', '铁矿砂', '原油', '服装', '玩具', '汽车零件', 'laptop', 'battery', 'soybeans'];
const names = ['深圳华强电子有限公司', '上海洋山国际物流有限公司', '宁波港集团', '青岛海尔进出口公司', '广州南沙贸易有限公司', '厦门象屿股份'];

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedChange {
  key: string;
  scope: string;
  at: string;
  data: DeclarationRecord;
}

/** `count` declarations spread over `days` days ending at `end`, in time order. */
export function* generateDeclarations(count: number, { seed = 1, end = Date.UTC(2026, 10, 23), days = 30 } = {}): Generator<GeneratedChange> {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const subsByUnit = new Map<string, string[]>();
  for (const s of registry.subordinates) subsByUnit.set(s.parent, [...(subsByUnit.get(s.parent) ?? []), s.code]);
  const start = end - days * 86_400_000;
  const step = (end - start) / count;
  const perDay = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const port = pick(registry.ports);
    const unit = pick(subsByUnit.get(port.unit) ?? [`${port.unit}00`]);
    const declared = Math.floor(start + i * step);
    const day = new Date(declared).toISOString().slice(0, 10).replaceAll('-', '');
    const n = (perDay.get(unit + day) ?? 0) + 1;
    perDay.set(unit + day, n);
    const id = `${unit}${day}${String(n).padStart(6, '0')}`;
    const reached = 1 + Math.floor(rand() * stages.length);
    const path = stages.slice(0, reached).map((stage, k) => ({ stage, at: new Date(declared + k * 1_800_000).toISOString() }));
    const items = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
      hs: String(100000 + Math.floor(rand() * 899999)),
      description: pick(words),
      quantity: Math.floor(rand() * 1000),
      unit: 'kg',
      valueUsd: Math.round(rand() * 100000) / 10,
    }));
    const data: DeclarationRecord = {
      id,
      direction: rand() < 0.5 ? 'import' : 'export',
      port: port.code,
      unit,
      declaredAt: new Date(declared).toISOString(),
      status: path.at(-1)!.stage,
      stages: path,
      tradeMode: '0110',
      transport: port.type === 'air' ? 'air' : port.type === 'rail' ? 'rail' : port.type === 'land' ? 'road' : 'sea',
      partnerCountry: pick(registry.partners).iso2,
      enterprise: { code: `9144${String(Math.floor(rand() * 1e8)).padStart(8, '0')}MA5F`, name: pick(names) },
      valueUsd: items.reduce((s, it) => s + it.valueUsd, 0),
      items,
      riskScore: Math.round(rand() * 100) / 100,
      riskHits: rand() < 0.05 ? ['R-risk-1'] : [],
      dangerous: rand() < 0.02 ? { unNumber: 'UN3480', hazardClass: '9' } : null,
      containers: port.type === 'sea' ? [`MSCU${String(Math.floor(rand() * 1e7)).padStart(7, '0')}`] : [],
    };
    yield { key: id, scope: unit, at: path.at(-1)!.at, data };
  }
}
