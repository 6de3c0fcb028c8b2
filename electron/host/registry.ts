// The customs registry shipped in resources/: names of scopes before (or without) sync,
// and the units and ports a wall's scene may name.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const registryFile = z.looseObject({
  units: z.array(z.looseObject({ code: z.string(), nameZh: z.string(), nameEn: z.string() })),
  subordinates: z.array(z.looseObject({ code: z.string(), parent: z.string(), nameZh: z.string(), nameEn: z.string() })),
  ports: z.array(z.looseObject({ code: z.string(), unit: z.string() })),
});

export interface ScopeName {
  code: string;
  nameZh: string;
  nameEn: string;
}

export const nationalScope: ScopeName = { code: '*', nameZh: '海关总署全国监控指挥中心', nameEn: 'GACC National Monitoring Center' };

export class CustomsRegistry {
  private readonly names = new Map<string, ScopeName>();
  /** Port code → its directly-affiliated customs. */
  private readonly portUnits = new Map<string, string>();

  constructor(raw: unknown) {
    const registry = registryFile.parse(raw);
    for (const unit of [...registry.units, ...registry.subordinates]) {
      this.names.set(unit.code, { code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn });
    }
    for (const port of registry.ports) this.portUnits.set(port.code, port.unit);
  }

  hasUnit(code: string): boolean {
    return this.names.has(code);
  }

  /** The directly-affiliated customs a port belongs to, or null for an unknown port. */
  portUnit(code: string): string | null {
    return this.portUnits.get(code) ?? null;
  }

  static load(path: string): CustomsRegistry {
    return new CustomsRegistry(JSON.parse(readFileSync(path, 'utf8')));
  }

  /** The name a center's header shows for its scope. */
  scopeName(code: string): ScopeName {
    if (code === '*') return nationalScope;
    const unit = this.names.get(code);
    if (!unit) return { code, nameZh: `关区 ${code}`, nameEn: `Customs ${code}` };
    return { code, nameZh: `${unit.nameZh}监控中心`, nameEn: `${unit.nameEn} Monitoring Center` };
  }
}
