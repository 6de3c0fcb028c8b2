// Owns the maplibre map, the deck.gl overlay and the data feed, outside React. It writes
// the few atoms React shows (level, selection, overview summary) into the map store;
// arcs and particles stay in typed arrays here. Animation runs on deck.gl's own frame
// loop (`_animate`, running only while a particle is in flight) with the particle layer
// reading the clock at draw time.
import type { PickingInfo } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import i18next from 'i18next';
import type { MapMovement, MapOverview, MapPartner, MapPort } from '../../../shared/host/methods/map.js';
import { basemapFiles, basemapStyle } from './basemap/style.js';
import { buildFlowAttributes, type FlowAttributes } from './data/flowAttributes.js';
import { extendBounds, geometryBounds, movementRoute, nationalBounds, particleDuration, unwrapLongitude, type Bounds } from './data/geo.js';
import { chooseLabels } from './data/labels.js';
import { AnimationWindow } from './data/animationWindow.js';
import { ParticleRing } from './data/particleRing.js';
import type { MapDataSource } from './data/source.js';
import { buildLayers, describePick, type DistrictFeature, type LabelDatum } from './layers/buildLayers.js';
import { mapPixelRatio, type MapState, type MapStore } from './mapStore.js';

maplibregl.setWorkerUrl(workerUrl);

export const mapFontFamily = '"Noto Sans SC", sans-serif';

const overviewMinInterval = 3_000;
const movementPollInterval = 2_000;
/** Partner longitudes are unwrapped towards this meridian (the middle of China). */
export const chinaMeridian = 105;
/** At least the particle layer's comet tail, as a fraction of a flight. */
const particleTailMargin = 0.15;

export interface MapControllerOptions {
  container: HTMLElement;
  store: MapStore;
  source: MapDataSource;
}

export class MapController {
  readonly map: maplibregl.Map;
  readonly overlay: MapLibreOverlay;
  private readonly store: MapStore;
  private readonly source: MapDataSource;
  private readonly ring: ParticleRing;
  private readonly t0 = performance.now();
  private readonly unsubscribers: (() => void)[] = [];
  private districts: DistrictFeature[] = [];
  private ports = new Map<string, MapPort>();
  private partners = new Map<string, MapPartner>();
  private flows: FlowAttributes = buildFlowAttributes([], new Map(), new Map(), 'declarations').data;
  private overviewFlows: MapOverview['flows'] = [];
  private labels: LabelDatum[] = [];
  private labelVersion = 0;
  private version = 0;
  private cursor: number | null = null;
  private overviewAt = 0;
  private overviewTimer: ReturnType<typeof setTimeout> | null = null;
  private movementsBusy = false;
  private movementsAgain = false;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  /** deck.gl's frame loop runs while a particle is in flight (particles move every frame). */
  private readonly animation: AnimationWindow;
  private destroyed = false;
  private readonly particleListeners = new Set<(movement: MapMovement, startsInSeconds: number) => void>();

  constructor(options: MapControllerOptions) {
    this.store = options.store;
    this.source = options.source;
    const settings = this.store.getState().settings;
    this.ring = new ParticleRing(settings.particleCapacity);

    this.map = new maplibregl.Map({
      container: options.container,
      style: basemapStyle(),
      bounds: nationalBounds,
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      // Walls are wider than 4096 device pixels; the default cap would blur them.
      maxCanvasSize: [16384, 16384],
      // The basemap follows the same sharpness setting as the deck.gl layers.
      pixelRatio: mapPixelRatio(settings.useDevicePixels, window.devicePixelRatio),
      fadeDuration: 0,
      renderWorldCopies: true,
    });
    this.map.keyboard.disable(); // the map's own keys are handled by useMapKeyboard
    this.overlay = new MapLibreOverlay({
      interleaved: settings.interleaved,
      useDevicePixels: settings.useDevicePixels,
      layers: [],
      // No frame loop until there is something to move: an empty map (no central, no
      // traffic yet) redraws only when its data or view changes.
      _animate: false,
      onClick: (info) => this.handleClick(info),
      getTooltip: (info) => this.tooltip(info),
      getCursor: ({ isHovering }) => (isHovering ? 'pointer' : 'grab'),
    });
    this.map.addControl(this.overlay);
    this.animation = new AnimationWindow(
      () => this.now(),
      (running) => {
        this.overlay.setProps({ _animate: running });
        if (!running) this.map.triggerRepaint();
      },
    );

    const relabel = () => this.updateLabels();
    i18next.on('languageChanged', relabel);
    // Label boxes are measured on screen: choose again once a fly-to or zoom has settled.
    this.map.on('moveend', relabel);
    this.unsubscribers.push(
      () => i18next.off('languageChanged', relabel),
      this.store.subscribe((state, previous) => this.onStateChange(state, previous)),
      this.source.onChange((kinds) => this.onDataChanged(kinds)),
    );
    void this.start();
  }

  /** Seconds since the controller started: the particles' clock. */
  now(): number {
    return (performance.now() - this.t0) / 1000;
  }

  private async start(): Promise<void> {
    try {
      const [districts] = await Promise.all([this.loadDistricts(), this.map.once('load')]);
      this.districts = districts;
      await this.refreshOverview();
      // Particles need the ports and partners of the overview: poll only after it.
      await this.pollMovements();
      if (!this.destroyed) this.pollTimer = setInterval(() => void this.pollMovements(), movementPollInterval);
      this.redrawLayers();
      this.flyToLevel(this.store.getState(), false);
      this.map.once('idle', () => this.store.setState({ ready: true }));
    } catch (error) {
      console.error('port map failed to start', error);
      this.store.setState({ error: (error as Error).message });
    }
  }

  private async loadDistricts(): Promise<DistrictFeature[]> {
    const url = new URL(basemapFiles['districts.geojson']!, window.location.href).href;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`district areas (${url}) could not be loaded: HTTP ${response.status}`);
    const collection = (await response.json()) as { features: DistrictFeature[] };
    return collection.features;
  }

  /** TextLayer draws CJK only from a font that is loaded before its atlas is built. */
  private async loadFont(text: string): Promise<void> {
    try {
      await document.fonts.load(`700 16px ${mapFontFamily}`, text || '口岸');
    } catch (error) {
      console.warn('map label font did not load; labels use a fallback font', error);
    }
  }

  private onStateChange(state: MapState, previous: MapState): void {
    if (state.windowMinutes !== previous.windowMinutes || state.widthBy !== previous.widthBy) {
      void this.refreshOverview();
    }
    if (state.level !== previous.level || state.unit !== previous.unit || state.port !== previous.port) {
      this.flyToLevel(state, true);
      if (state.level !== previous.level || state.unit !== previous.unit) this.rebuildFlows();
      this.updateLabels();
      this.redrawLayers();
    } else if (state.indicator !== previous.indicator) {
      this.redrawLayers();
    }
  }

  private onDataChanged(kinds: readonly string[]): void {
    if (kinds.includes('declaration') && this.pollTimer !== null) void this.pollMovements();
    if (kinds.some((k) => k === 'declaration' || k === 'alert' || k === 'port')) this.scheduleOverview();
  }

  private scheduleOverview(): void {
    if (this.overviewTimer !== null) return;
    const wait = Math.max(0, this.overviewAt + overviewMinInterval - Date.now());
    this.overviewTimer = setTimeout(() => {
      this.overviewTimer = null;
      void this.refreshOverview();
    }, wait);
  }

  async refreshOverview(): Promise<void> {
    const { windowMinutes } = this.store.getState();
    this.overviewAt = Date.now();
    let overview: MapOverview;
    try {
      overview = await this.source.overview({ windowMinutes, unit: null });
    } catch (error) {
      console.warn('map overview unavailable; keeping what is on screen', error);
      return;
    }
    if (this.destroyed) return;
    this.ports = new Map(overview.ports.map((p) => [p.code, p]));
    for (const p of overview.partners) this.partners.set(p.iso2, p);
    this.overviewFlows = overview.flows;
    const built = this.rebuildFlows();
    if (overview.issues.portsWithoutCoordinates.length || overview.issues.unknownPartners.length) {
      console.warn('map: not drawn', overview.issues);
    }
    const status = this.store.getState().status;
    this.store.setState({
      overview,
      status: {
        ...status,
        portsWithoutCoordinates: overview.issues.portsWithoutCoordinates.length,
        unknownPartners: overview.issues.unknownPartners,
        declarationsNotDrawn: overview.issues.declarationsNotDrawn + built.skipped,
      },
    });
    this.version += 1;
    this.updateLabels();
    this.redrawLayers();
  }

  /** Flows of the current level: the biggest nationally, all of a district's in a district. */
  private rebuildFlows(): ReturnType<typeof buildFlowAttributes> {
    const { level, unit, widthBy, settings } = this.store.getState();
    const inView =
      level === 'national'
        ? [...this.overviewFlows].sort((a, b) => b[widthBy] - a[widthBy]).slice(0, settings.maxFlows)
        : this.overviewFlows.filter((f) => this.ports.get(f.port)?.unit === unit);
    const built = buildFlowAttributes(inView, this.ports, this.partnerPoints(), widthBy);
    this.flows = built.data;
    return built;
  }

  /** Partner points with longitudes unwrapped towards China, so arcs cross the Pacific, not Africa. */
  private partnerPoints(): Map<string, { lat: number; lon: number }> {
    return new Map([...this.partners.values()].map((p) => [p.iso2, { lat: p.lat, lon: unwrapLongitude(p.lon, chinaMeridian) }]));
  }

  async pollMovements(): Promise<void> {
    if (this.movementsBusy) {
      this.movementsAgain = true;
      return;
    }
    this.movementsBusy = true;
    try {
      do {
        this.movementsAgain = false;
        const first = this.cursor === null;
        // On start, a short burst of the latest makes the wall live at once.
        const batch = await this.source.movements({ afterSeq: this.cursor, limit: first ? 200 : 5_000 });
        if (this.destroyed) return;
        this.cursor = batch.cursor;
        this.spawn(batch.movements, first ? 4 : 1);
      } while (this.movementsAgain);
    } catch (error) {
      console.warn('map movements unavailable; particles pause', error);
    } finally {
      this.movementsBusy = false;
    }
  }

  /** Called for each particle spawned, with the delay before it shows (the render benchmark times store → particle). */
  addParticleListener(listener: (movement: MapMovement, startsInSeconds: number) => void): () => void {
    this.particleListeners.add(listener);
    return () => this.particleListeners.delete(listener);
  }

  /** One particle per movement, spread over `spreadSeconds` so a burst reads as a stream. */
  spawn(movements: readonly MapMovement[], spreadSeconds: number): void {
    const speed = this.store.getState().settings.particleSpeed;
    if (movements.length === 0) return;
    const now = this.now();
    let notDrawn = 0;
    let lastLanding = now;
    movements.forEach((m, i) => {
      const port = this.ports.get(m.port);
      const partner = this.partners.get(m.partner);
      if (!port || port.lat === null || port.lon === null || !partner) {
        notDrawn += 1;
        return;
      }
      const { from, to } = movementRoute(m.direction, { lon: port.lon, lat: port.lat }, partner, chinaMeridian);
      const delay = (i / movements.length) * spreadSeconds;
      const duration = particleDuration(from, to) / speed;
      this.ring.push({ from, to, status: m.status, start: now + delay, duration });
      lastLanding = Math.max(lastLanding, now + delay + duration * (1 + particleTailMargin));
      for (const listener of this.particleListeners) listener(m, delay);
    });
    const status = this.store.getState().status;
    this.store.setState({
      status: { ...status, particlesSpawned: status.particlesSpawned + movements.length - notDrawn, movementsNotDrawn: status.movementsNotDrawn + notDrawn },
    });
    // Once per batch: a timer re-armed per particle would be thousands of timers a poll.
    this.animation.extendTo(lastLanding);
    this.redrawLayers();
  }

  /** Labels reach the TextLayer only once their glyphs are loaded: its atlas is built once. */
  private updateLabels(): void {
    const { level, unit, settings } = this.store.getState();
    const labels = chooseLabels({
      ports: this.ports.values(),
      partners: this.partners.values(),
      trading: new Set(this.flows.flows.map((f) => f.partner)),
      national: level === 'national',
      unit,
      portLabels: level === 'national' ? settings.labelCount : 30,
      english: i18next.language === 'en',
      meridian: chinaMeridian,
      project: (lon, lat) => this.map.project([lon, lat]),
      scale: this.uiScale(),
    });
    const version = ++this.labelVersion;
    void this.loadFont(labels.map((l) => l.text).join('')).then(() => {
      if (version !== this.labelVersion) return;
      this.labels = labels;
      this.redrawLayers();
    });
  }

  private uiScale(): number {
    const height = this.map.getContainer().clientHeight;
    return Math.min(3, Math.max(1, height / 900));
  }

  redrawLayers(): void {
    if (this.destroyed) return;
    const state = this.store.getState();
    const drawablePorts = [...this.ports.values()].filter((p) => p.lat !== null && p.lon !== null);
    this.overlay.setProps({
      layers: buildLayers({
        level: state.level,
        unit: state.unit,
        port: state.port,
        districts: this.districts,
        districtValues: new Map((state.overview?.districts ?? []).map((d) => [d.unit, d])),
        indicator: state.indicator,
        ports: drawablePorts,
        flows: this.flows,
        particles: this.ring.attributes(),
        labels: this.labels,
        getTime: () => this.now(),
        uiScale: this.uiScale(),
        fontFamily: mapFontFamily,
        version: this.version,
      }),
    });
  }

  private handleClick(info: PickingInfo): void {
    const pick = describePick(info);
    if (!pick) return;
    if (pick.kind === 'port') this.store.setState({ level: 'port', unit: pick.port.unit, port: pick.port.code });
    else if (pick.kind === 'district') this.store.setState({ level: 'district', unit: pick.unit, port: null });
  }

  private tooltip(info: PickingInfo): { text: string; className: string } | null {
    const pick = describePick(info);
    if (!pick) return null;
    const t = i18next.getFixedT(null, 'map');
    const en = i18next.language === 'en';
    const fmt = new Intl.NumberFormat(en ? 'en' : 'zh-CN', { maximumFractionDigits: 0 });
    const usd = (v: number) => `$${new Intl.NumberFormat(en ? 'en' : 'zh-CN', { notation: 'compact', maximumFractionDigits: 1 }).format(v)}`;
    if (pick.kind === 'port') {
      const p = pick.port;
      const text = t('tooltipPort', {
        name: en ? p.nameEn : p.nameZh,
        declarations: fmt.format(p.declarations),
        value: usd(p.valueUsd),
        inspection: p.inspection,
        held: p.held,
        alerts: p.openAlerts,
      });
      return { text, className: 'map-tooltip' };
    }
    if (pick.kind === 'flow') {
      const flow = this.flows.flows[pick.index];
      if (!flow) return null;
      const port = this.ports.get(flow.port);
      const partner = this.partners.get(flow.partner);
      const portName = port ? (en ? port.nameEn : port.nameZh) : flow.port;
      const partnerName = partner ? (en ? partner.nameEn : partner.nameZh) : flow.partner;
      const [from, to] = flow.direction === 'import' ? [partnerName, portName] : [portName, partnerName];
      return {
        text: t('tooltipFlow', { from, to, direction: t(flow.direction), declarations: fmt.format(flow.declarations), value: usd(flow.valueUsd) }),
        className: 'map-tooltip',
      };
    }
    const district = this.store.getState().overview?.districts.find((d) => d.unit === pick.unit);
    const feature = this.districts.find((f) => f.properties.unit === pick.unit);
    const name = district ? (en ? district.nameEn : district.nameZh) : feature ? (en ? feature.properties.nameEn : feature.properties.nameZh) : pick.unit;
    return {
      text: t('tooltipDistrict', { name, declarations: fmt.format(district?.declarations ?? 0), held: district?.held ?? 0, alerts: district?.openAlerts ?? 0 }),
      className: 'map-tooltip',
    };
  }

  private boundsFor(state: Pick<MapState, 'level' | 'unit' | 'port'>): Bounds | { center: [number, number]; zoom: number } {
    if (state.level === 'port' && state.port) {
      const port = this.ports.get(state.port);
      if (port?.lat != null && port.lon != null) return { center: [port.lon, port.lat], zoom: 7.5 };
    }
    if (state.level !== 'national' && state.unit) {
      const feature = this.districts.find((f) => f.properties.unit === state.unit);
      const ports = [...this.ports.values()].filter((p) => p.unit === state.unit && p.lat !== null && p.lon !== null);
      const bounds = extendBounds(feature ? geometryBounds(feature.geometry) : null, ports.map((p) => [p.lon!, p.lat!] as const));
      if (bounds) return bounds;
    }
    return nationalBounds;
  }

  private flyToLevel(state: Pick<MapState, 'level' | 'unit' | 'port'>, animate: boolean): void {
    const target = this.boundsFor(state);
    const duration = animate ? 1600 : 0;
    if (Array.isArray(target)) this.map.fitBounds(target, { padding: 40 * this.uiScale(), duration, maxZoom: 8 });
    else this.map.flyTo({ center: target.center, zoom: Math.max(this.map.getZoom(), target.zoom), duration });
  }

  /** Keyboard: step through the ports in view, busiest first. */
  stepPort(delta: number): void {
    const state = this.store.getState();
    const candidates = [...this.ports.values()]
      .filter((p) => p.lat !== null && (state.level === 'national' || p.unit === state.unit))
      .sort((a, b) => b.declarations - a.declarations || a.code.localeCompare(b.code));
    if (candidates.length === 0) return;
    const i = candidates.findIndex((p) => p.code === state.port);
    const next = candidates[(i + delta + candidates.length) % candidates.length]!;
    this.store.setState({ level: 'port', unit: next.unit, port: next.code });
  }

  zoomBy(delta: number): void {
    this.map.zoomTo(this.map.getZoom() + delta, { duration: 300 });
  }

  resize(): void {
    this.map.resize();
    this.updateLabels();
    this.redrawLayers();
  }

  destroy(): void {
    this.destroyed = true;
    for (const off of this.unsubscribers.splice(0)) off();
    if (this.pollTimer !== null) clearInterval(this.pollTimer);
    if (this.overviewTimer !== null) clearTimeout(this.overviewTimer);
    this.animation.dispose();
    this.map.removeControl(this.overlay);
    this.overlay.finalize();
    this.map.remove();
  }
}
