// Render benchmark, baseline: a bare deck.gl canvas drawing the same layers (buildLayers)
// with the same data and camera as the app page, with no basemap, no maplibre, no React.
import '../../../../resources/fonts/noto-sans-sc/noto-sans-sc.css';
import { Deck } from '@deck.gl/core';
import districtsUrl from '../../../../resources/map/districts.geojson?url';
import { buildFlowAttributes } from '../data/flowAttributes.js';
import { movementRoute, particleDuration, unwrapLongitude } from '../data/geo.js';
import { chooseLabels } from '../data/labels.js';
import { ParticleRing } from '../data/particleRing.js';
import { buildLayers, type DistrictFeature } from '../layers/buildLayers.js';
import { chinaMeridian, mapFontFamily } from '../MapController.js';
import { defaultSettings } from '../mapStore.js';
import { type BenchWindow, frameRecorder } from './frameProbe.js';
import { sizesFromQuery, syntheticTraffic } from './synthetic.js';

const params = new URLSearchParams(window.location.search);
const view = { longitude: Number(params.get('lon')), latitude: Number(params.get('lat')), zoom: Number(params.get('zoom')) };
const settings = defaultSettings(window.location.search);
const sizes = sizesFromQuery(window.location.search);
const { overview, movements } = syntheticTraffic(sizes);
const ports = new Map(overview.ports.map((p) => [p.code, p]));
const partners = new Map(overview.partners.map((p) => [p.iso2, p]));
const partnerPoints = new Map(overview.partners.map((p) => [p.iso2, { lat: p.lat, lon: unwrapLongitude(p.lon, chinaMeridian) }]));
const flows = buildFlowAttributes(overview.flows, ports, partnerPoints, 'declarations').data;
const ring = new ParticleRing(sizes.particles);
const t0 = performance.now();
const now = () => (performance.now() - t0) / 1000;
const recorder = frameRecorder();
const bench: NonNullable<BenchWindow['portwallBench']> = { ready: false, measure: (frames, maxSeconds) => recorder.measure(frames, maxSeconds), view: () => view };
(window as BenchWindow).portwallBench = bench;

async function start() {
  const districts = ((await (await fetch(districtsUrl)).json()) as { features: DistrictFeature[] }).features;
  const labels = chooseLabels({
    ports: overview.ports,
    partners: overview.partners,
    trading: new Set(flows.flows.map((f) => f.partner)),
    national: true,
    unit: null,
    portLabels: settings.labelCount,
    english: false,
    meridian: chinaMeridian,
  });
  await document.fonts.load(`700 16px ${mapFontFamily}`, labels.map((l) => l.text).join(''));
  const start = now();
  movements.forEach((m, i) => {
    const port = ports.get(m.port)!;
    const { from, to } = movementRoute(m.direction, { lon: port.lon!, lat: port.lat! }, partners.get(m.partner)!, chinaMeridian);
    ring.push({ from, to, status: m.status, start: start + (i / movements.length) * 5, duration: particleDuration(from, to) / 0.02 });
  });
  const container = document.getElementById('map') as HTMLDivElement;
  new Deck({
    parent: container,
    width: '100%',
    height: '100%',
    viewState: { ...view, pitch: 0, bearing: 0 },
    controller: false,
    useDevicePixels: settings.useDevicePixels,
    _animate: true,
    onAfterRender: recorder.onAfterRender,
    layers: buildLayers({
      level: 'national',
      unit: null,
      port: null,
      districts,
      districtValues: new Map(),
      indicator: 'declarations',
      ports: overview.ports,
      flows,
      particles: ring.attributes(),
      labels,
      getTime: now,
      uiScale: Math.min(3, Math.max(1, container.clientHeight / 900)),
      fontFamily: mapFontFamily,
      version: 1,
    }),
  });
  bench.ready = true;
}

void start();
