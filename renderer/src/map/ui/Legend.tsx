// What every colour and size on the map means, in the wall's language.
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { DeclarationStatus, Severity } from '../../../../shared/central/records.js';
import type { PortHealth } from '../../../../shared/host/methods/map.js';
import { districtRamp, flowColors, healthColors, severityColors, stageColors, toCss } from '../colors.js';
import type { MapStore } from '../mapStore.js';

const stages: DeclarationStatus[] = ['screening', 'inspection', 'held', 'released'];
const severities: Severity[] = ['critical', 'warning', 'info'];
const health: PortHealth[] = ['ok', 'strained', 'stuck'];

export function Legend({ store }: { store: MapStore }) {
  const { t } = useTranslation('map');
  const indicator = useStore(store, (s) => s.indicator);
  return (
    <div className="map-legend" data-testid="map-legend">
      <h4>{t('legendPorts')}</h4>
      <ul>
        {severities.map((s) => (
          <li key={s}>
            <i className="dot" style={{ background: toCss(severityColors[s]) }} />
            {t(`severity_${s}`)}
          </li>
        ))}
        {health.map((h) => (
          <li key={h}>
            <i className="dot" style={{ background: toCss(healthColors[h]) }} />
            {t(`health_${h}`)}
          </li>
        ))}
      </ul>
      <h4>{t('legendFlows')}</h4>
      <ul>
        <li>
          <i className="bar" style={{ background: `linear-gradient(90deg, ${toCss(flowColors.import.source)}, ${toCss(flowColors.import.target)})` }} />
          {t('import')}
        </li>
        <li>
          <i className="bar" style={{ background: `linear-gradient(90deg, ${toCss(flowColors.export.source)}, ${toCss(flowColors.export.target)})` }} />
          {t('export')}
        </li>
      </ul>
      <h4>{t('legendParticles')}</h4>
      <ul>
        {stages.map((s) => (
          <li key={s}>
            <i className="dot" style={{ background: toCss(stageColors[s]) }} />
            {t(`stage_${s}`)}
          </li>
        ))}
      </ul>
      <h4>{t('legendDistricts', { indicator: t(`indicator_${indicator}`) })}</h4>
      <div className="ramp" style={{ background: `linear-gradient(90deg, ${districtRamp.map(toCss).join(', ')})` }} />
    </div>
  );
}
