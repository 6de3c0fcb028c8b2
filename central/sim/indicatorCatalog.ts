// The indicator catalog (~500 indicatorDefs over six themes) and how each value is
// computed from the simulated traffic counters of a scope.
import type { IndicatorDefRecord } from '../../shared/central/records.js';
import type { ScopeSums, SlotLayout } from './metrics.js';
import { conveyanceKinds } from './metrics.js';
import type { Registry } from './registry.js';
import { directions, regions, transports } from './traffic.js';

export interface Indicator {
  def: IndicatorDefRecord;
  compute(w: ScopeSums, surge: Float64Array | null): number | null;
}

type Level = 0 | 1 | 2;
const allLevels: Level[] = [0, 1, 2];
const upperLevels: Level[] = [0, 1];
const nationalOnly: Level[] = [0];

const dirs = [
  { id: 'all', zh: '', en: '', of: directions },
  { id: 'import', zh: '进口', en: 'import ', of: ['import'] as const },
  { id: 'export', zh: '出口', en: 'export ', of: ['export'] as const },
];
const trs = [
  { id: 'all', zh: '', en: '', of: transports },
  { id: 'sea', zh: '海运', en: 'sea ', of: ['sea'] as const },
  { id: 'air', zh: '空运', en: 'air ', of: ['air'] as const },
  { id: 'road', zh: '公路', en: 'road ', of: ['road'] as const },
  { id: 'rail', zh: '铁路', en: 'rail ', of: ['rail'] as const },
];
const windows = [
  { id: 'h', zh: '近1小时', en: 'last hour' },
  { id: 'd', zh: '当日', en: 'today' },
] as const;
type Win = (typeof windows)[number]['id'];

const regionNames: Record<(typeof regions)[number], [string, string]> = {
  eastAsia: ['东亚', 'East Asia'],
  southeastAsia: ['东南亚', 'Southeast Asia'],
  southAsia: ['南亚', 'South Asia'],
  europe: ['欧洲', 'Europe'],
  northAmerica: ['北美', 'North America'],
  latinAmerica: ['拉美', 'Latin America'],
  oceania: ['大洋洲', 'Oceania'],
  middleEast: ['中东', 'Middle East'],
  africa: ['非洲', 'Africa'],
  cis: ['独联体', 'CIS'],
};
const conveyanceNames: Record<(typeof conveyanceKinds)[number], [string, string]> = {
  vessel: ['船舶', 'vessels'],
  flight: ['航班', 'flights'],
  vehicle: ['车辆', 'vehicles'],
  train: ['列车', 'trains'],
};

export function buildIndicatorCatalog(reg: Registry, counters: SlotLayout, gauges: SlotLayout): Indicator[] {
  const out: Indicator[] = [];
  const add = (
    id: string,
    theme: string,
    nameZh: string,
    nameEn: string,
    unit: string,
    level: Level[],
    compute: Indicator['compute'],
    opts: { higherIsWorse?: boolean; warn?: number | null; crit?: number | null } = {},
  ) => {
    out.push({
      def: {
        id,
        theme,
        nameZh,
        nameEn,
        unit,
        higherIsWorse: opts.higherIsWorse ?? false,
        warn: opts.warn ?? null,
        crit: opts.crit ?? null,
        level,
      },
      compute,
    });
  };
  const slots = (metric: string, ds: readonly string[], ts: readonly string[]) => ds.flatMap((d) => ts.map((t) => counters.of(`${metric}.${d}.${t}`)));
  const dirSlots = (metric: string, ds: readonly string[]) => ds.map((d) => counters.of(`${metric}.${d}`));
  const sum = (arr: Float64Array, idx: readonly number[]) => idx.reduce((s, i) => s + arr[i]!, 0);
  const pick = (w: ScopeSums, win: Win) => (win === 'h' ? w.h : w.d);
  const ratio = (num: readonly number[], den: readonly number[], win: Win, scale: number, minDen: number) => (w: ScopeSums) => {
    const arr = pick(w, win);
    const d = sum(arr, den);
    return d < minDen ? null : (sum(arr, num) / d) * scale;
  };
  const count = (idx: readonly number[], win: Win, scale = 1) => (w: ScopeSums) => sum(pick(w, win), idx) * scale;
  const round = (f: (w: ScopeSums) => number | null, digits = 2) => (w: ScopeSums) => {
    const v = f(w);
    return v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;
  };
  /** Core tiles every center shows, at every level. */
  const core = (dir: string, tr: string) => dir === 'all' && tr === 'all';
  const levelOf = (dir: string, tr: string, win: Win): Level[] =>
    core(dir, tr) ? allLevels : (dir === 'all' || tr === 'all') && win === 'h' ? upperLevels : nationalOnly;

  // Theme 1: business volume.
  for (const win of windows) {
    for (const d of dirs) {
      for (const t of trs) {
        const lv = levelOf(d.id, t.id, win.id);
        add(`vol.decl.${d.id}.${t.id}.${win.id}`, 'volume', `${win.zh}${d.zh}${t.zh}报关单量`, `Declarations, ${d.en}${t.en}${win.en}`.replace(/\s+/g, ' '), 'decl', lv, count(slots('decl', d.of, t.of), win.id));
        add(`vol.value.${d.id}.${t.id}.${win.id}`, 'volume', `${win.zh}${d.zh}${t.zh}货值`, `Declared value, ${d.en}${t.en}${win.en}`.replace(/\s+/g, ' '), 'USD m', lv, round(count(slots('val', d.of, t.of), win.id, 1e-6), 3));
      }
      add(`vol.avgValue.${d.id}.${win.id}`, 'volume', `${win.zh}${d.zh}单票平均货值`, `Average value per declaration, ${d.en}${win.en}`.replace(/\s+/g, ' '), 'USD k', nationalOnly, round(ratio(slots('val', d.of, transports), slots('decl', d.of, transports), win.id, 1e-3, 1), 1));
    }
    for (const s of reg.hsSections) {
      add(`vol.hs.s${s.section}.${win.id}`, 'volume', `${win.zh}第${s.section}类 ${s.nameZh}报关单量`, `Declarations, HS section ${s.section} ${s.nameEn}, ${win.en}`, 'decl', win.id === 'h' ? upperLevels : nationalOnly, count([counters.of(`sec.${s.section}`)], win.id));
      add(`vol.hsValue.s${s.section}.${win.id}`, 'volume', `${win.zh}第${s.section}类 ${s.nameZh}货值`, `Declared value, HS section ${s.section} ${s.nameEn}, ${win.en}`, 'USD m', nationalOnly, round(count([counters.of(`secval.${s.section}`)], win.id, 1e-6), 3));
    }
    for (const tm of reg.tradeModes) {
      add(`vol.tradeMode.${tm.code}.${win.id}`, 'volume', `${win.zh}${tm.nameZh}（${tm.code}）报关单量`, `Declarations, ${tm.nameEn} (${tm.code}), ${win.en}`, 'decl', nationalOnly, count([counters.of(`tm.${tm.code}`)], win.id));
    }
    for (const r of regions) {
      add(`vol.region.${r}.${win.id}`, 'volume', `${win.zh}${regionNames[r][0]}贸易报关单量`, `Declarations with ${regionNames[r][1]}, ${win.en}`, 'decl', nationalOnly, count([counters.of(`reg.${r}`)], win.id));
    }
  }

  // Theme 2: full-process timeliness.
  for (const win of windows) {
    for (const d of dirs) {
      for (const t of trs) {
        const lv = levelOf(d.id, t.id, win.id);
        const rel = slots('rel', d.of, t.of);
        const label = `${d.en}${t.en}`.trim();
        add(`tl.releaseMean.${d.id}.${t.id}.${win.id}`, 'timeliness', `${win.zh}${d.zh}${t.zh}平均通关时间`, `Mean clearance time${label ? `, ${label}` : ''}, ${win.en}`, 'min', lv, round(ratio(slots('relmin', d.of, t.of), rel, win.id, 1, 10), 1), { higherIsWorse: true, warn: 180, crit: 300 });
        add(`tl.within2h.${d.id}.${t.id}.${win.id}`, 'timeliness', `${win.zh}${d.zh}${t.zh}2小时内放行率`, `Released within 2 h${label ? `, ${label}` : ''}, ${win.en}`, '%', lv, round(ratio(slots('rel2h', d.of, t.of), rel, win.id, 100, 3), 1), { warn: 85, crit: 70 });
        add(`tl.released.${d.id}.${t.id}.${win.id}`, 'timeliness', `${win.zh}${d.zh}${t.zh}放行票数`, `Releases${label ? `, ${label}` : ''}, ${win.en}`, 'decl', lv, count(rel, win.id));
      }
      add(`tl.screeningMean.${d.id}.${win.id}`, 'timeliness', `${win.zh}${d.zh}平均审单时间`, `Mean screening time, ${d.en}${win.en}`.replace(/\s+/g, ' '), 's', upperLevels, round(ratio(dirSlots('scrsec', d.of), dirSlots('scr', d.of), win.id, 1, 3), 0), { higherIsWorse: true, warn: 180, crit: 300 });
      add(`tl.inspectionMean.${d.id}.${win.id}`, 'timeliness', `${win.zh}${d.zh}平均查验时长`, `Mean inspection time, ${d.en}${win.en}`.replace(/\s+/g, ' '), 'min', nationalOnly, round(ratio(dirSlots('inspmin', d.of), dirSlots('inspdone', d.of), win.id, 1, 2), 0), { higherIsWorse: true, warn: 360, crit: 720 });
    }
  }
  add('tl.pendingScreening', 'timeliness', '在审报关单', 'Declarations in screening now', 'decl', allLevels, (w) => w.g[gauges.of('screening')]!, { higherIsWorse: true });
  add('tl.pendingInspection', 'timeliness', '查验中报关单', 'Declarations under inspection now', 'decl', allLevels, (w) => w.g[gauges.of('inspection')]!, { higherIsWorse: true });

  // Theme 3: business anomalies.
  for (const win of windows) {
    for (const d of dirs) {
      const decl = slots('decl', d.of, transports);
      add(`an.held.${d.id}.${win.id}`, 'anomaly', `${win.zh}${d.zh}扣留票数`, `Held declarations, ${d.en}${win.en}`.replace(/\s+/g, ' '), 'decl', win.id === 'h' && d.id === 'all' ? upperLevels : nationalOnly, count(dirSlots('held', d.of), win.id), { higherIsWorse: true });
      add(`an.returned.${d.id}.${win.id}`, 'anomaly', `${win.zh}${d.zh}退运票数`, `Returned declarations, ${d.en}${win.en}`.replace(/\s+/g, ' '), 'decl', nationalOnly, count(dirSlots('ret', d.of), win.id), { higherIsWorse: true });
      if (win.id === 'd') {
        add(`an.heldRate.${d.id}.d`, 'anomaly', `当日${d.zh}扣留率`, `Held rate, ${d.en}today`.replace(/\s+/g, ' '), '‰', d.id === 'all' ? upperLevels : nationalOnly, round(ratio(dirSlots('held', d.of), decl, 'd', 1000, 50), 2), { higherIsWorse: true, warn: 5, crit: 10 });
        add(`an.returnRate.${d.id}.d`, 'anomaly', `当日${d.zh}退运率`, `Return rate, ${d.en}today`.replace(/\s+/g, ' '), '‰', nationalOnly, round(ratio(dirSlots('ret', d.of), decl, 'd', 1000, 50), 2), { higherIsWorse: true, warn: 3, crit: 6 });
      }
    }
    add(`an.highValue.${win.id}`, 'anomaly', `${win.zh}高货值（≥100万美元）报关单`, `High-value declarations (≥ USD 1 m), ${win.en}`, 'decl', nationalOnly, count([counters.of('highval')], win.id));
  }
  for (const s of reg.hsSections) {
    add(`an.surge.s${s.section}`, 'anomaly', `第${s.section}类 ${s.nameZh}申报激增指数`, `Surge index, HS section ${s.section} ${s.nameEn}`, 'index', s.section === 16 || s.section === 5 ? upperLevels : nationalOnly, (_w, surge) => (surge ? Math.round(surge[s.section - 1]! * 100) / 100 : null), { higherIsWorse: true, warn: 2, crit: 3 });
  }
  add('an.heldNow', 'anomaly', '扣留中报关单', 'Declarations held now', 'decl', allLevels, (w) => w.g[gauges.of('held')]!, { higherIsWorse: true });

  // Theme 4: risk and inspection.
  for (const win of windows) {
    for (const d of dirs) {
      for (const t of trs) {
        const lv = levelOf(d.id, t.id, win.id);
        const label = `${d.en}${t.en}`.trim();
        add(`rk.inspRate.${d.id}.${t.id}.${win.id}`, 'risk', `${win.zh}${d.zh}${t.zh}查验率`, `Inspection rate${label ? `, ${label}` : ''}, ${win.en}`, '%', lv, round(ratio(slots('insp', d.of, t.of), slots('decl', d.of, t.of), win.id, 100, 50), 2), { higherIsWorse: true, warn: 12, crit: 20 });
        add(`rk.inspections.${d.id}.${t.id}.${win.id}`, 'risk', `${win.zh}${d.zh}${t.zh}查验票数`, `Inspections${label ? `, ${label}` : ''}, ${win.en}`, 'decl', lv, count(slots('insp', d.of, t.of), win.id));
      }
      const decl = slots('decl', d.of, transports);
      add(`rk.riskMean.${d.id}.${win.id}`, 'risk', `${win.zh}${d.zh}平均风险分值`, `Mean risk score, ${d.en}${win.en}`.replace(/\s+/g, ' '), 'score', d.id === 'all' ? upperLevels : nationalOnly, round(ratio(dirSlots('risksum', d.of), decl, win.id, 1, 5), 3), { higherIsWorse: true });
      add(`rk.highRiskShare.${d.id}.${win.id}`, 'risk', `${win.zh}${d.zh}高风险报关单占比`, `High-risk share, ${d.en}${win.en}`.replace(/\s+/g, ' '), '%', nationalOnly, round(ratio(dirSlots('riskhigh', d.of), decl, win.id, 100, 20), 2), { higherIsWorse: true, warn: 5, crit: 10 });
    }
    add(`rk.watchlistHits.${win.id}`, 'risk', `${win.zh}高风险名单碰撞命中`, `Watchlist hits, ${win.en}`, 'hits', upperLevels, count([counters.of('wlhits')], win.id), { higherIsWorse: true });
    add(`rk.ruleHits.${win.id}`, 'risk', `${win.zh}风险规则命中`, `Risk rule hits, ${win.en}`, 'hits', nationalOnly, count([counters.of('riskhits')], win.id), { higherIsWorse: true });
  }

  // Theme 5: dangerous goods and port safety.
  const dgDecl = reg.hazardClasses.map((c) => counters.of(`dg.decl.${c}`));
  for (const win of windows) {
    for (const c of reg.hazardClasses) {
      add(`dg.decl.c${c}.${win.id}`, 'dangerous', `${win.zh}第${c}类危险货物报关单`, `Dangerous goods class ${c} declarations, ${win.en}`, 'decl', nationalOnly, count([counters.of(`dg.decl.${c}`)], win.id));
    }
    add(`dg.decl.all.${win.id}`, 'dangerous', `${win.zh}危险货物报关单`, `Dangerous goods declarations, ${win.en}`, 'decl', win.id === 'h' ? allLevels : upperLevels, count(dgDecl, win.id));
    add(`dg.removed.${win.id}`, 'dangerous', `${win.zh}危险货物提离票数`, `Dangerous goods removed from port, ${win.en}`, 'decl', nationalOnly, count([counters.of('dg.removed')], win.id));
    add(`dg.released.${win.id}`, 'dangerous', `${win.zh}危险货物放行票数`, `Dangerous goods released, ${win.en}`, 'decl', nationalOnly, count([counters.of('dg.rel')], win.id));
    add(`dg.dwellMean.${win.id}`, 'dangerous', `${win.zh}危险货物平均在港时长`, `Mean dangerous goods dwell, ${win.en}`, 'h', win.id === 'd' ? upperLevels : nationalOnly, round(ratio([counters.of('dg.dwellmin')], [counters.of('dg.removed')], win.id, 1 / 60, 2), 1), { higherIsWorse: true, warn: 36, crit: 60 });
    add(`dg.share.${win.id}`, 'dangerous', `${win.zh}危险货物报关单占比`, `Dangerous goods share of declarations, ${win.en}`, '%', nationalOnly, round((w) => {
      const arr = pick(w, win.id);
      const total = sum(arr, slots('decl', directions, transports));
      return total < 20 ? null : (sum(arr, dgDecl) / total) * 100;
    }, 2));
  }
  for (const c of reg.hazardClasses) {
    add(`dg.inPort.c${c}`, 'dangerous', `在港第${c}类危险货物票数`, `Dangerous goods class ${c} in port now`, 'decl', nationalOnly, (w) => w.g[gauges.of(`dg.${c}`)]!);
  }
  add('dg.inPort.all', 'dangerous', '在港危险货物票数', 'Dangerous goods in port now', 'decl', allLevels, (w) => reg.hazardClasses.reduce((s, c) => s + w.g[gauges.of(`dg.${c}`)]!, 0), { higherIsWorse: true });
  add('dg.overdueNow', 'dangerous', '超期滞留危险货物票数', 'Dangerous goods overdue now', 'decl', allLevels, (w) => w.g[gauges.of('dg.overdue')]!, { higherIsWorse: true, warn: 1, crit: 3 });

  // Theme 6: health quarantine of travellers and conveyances.
  for (const win of windows) {
    const lv = win.id === 'h' ? allLevels : upperLevels;
    add(`hq.travellers.in.${win.id}`, 'health', `${win.zh}入境旅客`, `Inbound travellers, ${win.en}`, 'persons', lv, count([counters.of('tv.in')], win.id));
    add(`hq.travellers.out.${win.id}`, 'health', `${win.zh}出境旅客`, `Outbound travellers, ${win.en}`, 'persons', upperLevels, count([counters.of('tv.out')], win.id));
    add(`hq.travellers.all.${win.id}`, 'health', `${win.zh}出入境旅客`, `Travellers in and out, ${win.en}`, 'persons', upperLevels, count([counters.of('tv.in'), counters.of('tv.out')], win.id));
    add(`hq.fever.${win.id}`, 'health', `${win.zh}发热旅客`, `Travellers with fever, ${win.en}`, 'persons', upperLevels, count([counters.of('tv.fever')], win.id), { higherIsWorse: true });
    add(`hq.feverRate.${win.id}`, 'health', `${win.zh}发热检出率（每10万人）`, `Fever detection per 100k travellers, ${win.en}`, 'per 100k', nationalOnly, round(ratio([counters.of('tv.fever')], [counters.of('tv.in'), counters.of('tv.out')], win.id, 100_000, 500), 2), { higherIsWorse: true, warn: 8, crit: 15 });
    add(`hq.medical.${win.id}`, 'health', `${win.zh}医学排查人数`, `Travellers given medical checks, ${win.en}`, 'persons', nationalOnly, count([counters.of('tv.medical')], win.id));
    for (const k of conveyanceKinds) {
      add(`hq.conveyance.${k}.in.${win.id}`, 'health', `${win.zh}入境${conveyanceNames[k][0]}`, `Inbound ${conveyanceNames[k][1]}, ${win.en}`, 'count', nationalOnly, count([counters.of(`cv.${k}.in`)], win.id));
      add(`hq.conveyance.${k}.out.${win.id}`, 'health', `${win.zh}出境${conveyanceNames[k][0]}`, `Outbound ${conveyanceNames[k][1]}, ${win.en}`, 'count', nationalOnly, count([counters.of(`cv.${k}.out`)], win.id));
    }
    add(`hq.conveyance.all.in.${win.id}`, 'health', `${win.zh}入境交通工具`, `Inbound conveyances, ${win.en}`, 'count', lv, count(conveyanceKinds.map((k) => counters.of(`cv.${k}.in`)), win.id));
    add(`hq.conveyance.all.out.${win.id}`, 'health', `${win.zh}出境交通工具`, `Outbound conveyances, ${win.en}`, 'count', upperLevels, count(conveyanceKinds.map((k) => counters.of(`cv.${k}.out`)), win.id));
    add(`hq.sanitary.${win.id}`, 'health', `${win.zh}交通工具卫生检疫`, `Sanitary inspections of conveyances, ${win.en}`, 'count', nationalOnly, count([counters.of('cv.sanit')], win.id));
    add(`hq.vector.${win.id}`, 'health', `${win.zh}病媒生物检出`, `Disease vectors found, ${win.en}`, 'count', nationalOnly, count([counters.of('cv.vector')], win.id), { higherIsWorse: true, warn: 3, crit: 8 });
  }
  return out;
}
