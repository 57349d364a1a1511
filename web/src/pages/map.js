// Recent events by place: the events of the year before the store's last day that the text located (the places
// dictionary gives coordinates), one point per place, sized by count and coloured by the commonest QuadClass.
import { feature } from 'topojson-client';
import countries from 'world-atlas/countries-110m.json';
import { get, storeLastDay, addDays } from '../api.js';
import { echarts, chart, QUADS } from '../charts.js';
import { h, table, section, message, number } from '../dom.js';
import { eventLabel } from '../cameo.js';

// A ring that crosses the antimeridian (Russia's Chukotka, Fiji) would be drawn as a line across the whole map:
// its western points are moved east of 180°. Antarctica, which rings the pole, is left out (no news is there).
function unwrap(ring) {
  const crosses = ring.some(([lon]) => lon > 170) && ring.some(([lon]) => lon < -170);
  return crosses ? ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]) : ring;
}

let registered = false;
function registerWorld() {
  if (registered) return;
  const world = feature(countries, countries.objects.countries);
  world.features = world.features.filter((f) => f.properties.name !== 'Antarctica').map((f) => {
    const g = f.geometry;
    if (g.type === 'Polygon') g.coordinates = g.coordinates.map(unwrap);
    if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map((polygon) => polygon.map(unwrap));
    return f;
  });
  echarts.registerMap('world', world);
  registered = true;
}

const PAGES = 10;  // at most this many pages of 1,000 events

export async function renderMap(view, params) {
  registerWorld();
  const mapBox = h('div', { class: 'chart map', id: 'event-map' });
  const placeBox = h('div', { id: 'place-events' });
  const note = h('p', { class: 'note' });
  view.replaceChildren(h('h1', {}, 'Recent events by place'), note, section('Map', mapBox), placeBox);

  const to = params.get('to') ?? await storeLastDay();
  if (!to) {
    mapBox.replaceChildren(message('The store has no events yet.'));
    return;
  }
  const days = Number(params.get('days') ?? 365);
  const from = addDays(to, 1 - days);
  const places = new Map();
  let after;
  let total = 0;
  for (let page = 0; page < PAGES; page += 1) {
    const { events, next } = await get('/api/events', { from, to, limit: 1000, after });
    total += events.length;
    for (const e of events) {
      if (!e.location) continue;
      const key = `${e.location.name}|${e.location.lat}|${e.location.lon}`;
      if (!places.has(key)) places.set(key, { ...e.location, events: [], quad: [0, 0, 0, 0] });
      const place = places.get(key);
      place.events.push(e);
      place.quad[e.quad_class - 1] += 1;
    }
    if (!next) break;
    after = next;
  }
  const located = [...places.values()];
  note.textContent = `${from} to ${to}: ${located.reduce((n, p) => n + p.events.length, 0)} of ${total} events `
    + `have a place, at ${located.length} places. Click a point for its events.`;
  const points = located.map((p) => {
    const top = p.quad.indexOf(Math.max(...p.quad));
    return {
      name: p.name, value: [p.lon, p.lat, p.events.length], place: p,
      itemStyle: { color: QUADS[top].color },
    };
  });
  const map = chart('map', mapBox, {
    tooltip: { formatter: (p) => (p.data ? `${p.data.name} (${p.data.place.country}): ${p.data.value[2]} events` : p.name) },
    geo: {
      map: 'world', roam: true, emphasis: { disabled: true },
      itemStyle: { areaColor: '#eef1f4', borderColor: '#b8c2cc' },
    },
    series: [{
      type: 'scatter', coordinateSystem: 'geo', data: points,
      symbolSize: (v) => 6 + 4 * Math.sqrt(v[2]),
      itemStyle: { opacity: 0.8, borderColor: '#fff', borderWidth: 1 },
    }],
  });
  map.on('click', (p) => {
    if (!p.data?.place) return;
    const place = p.data.place;
    placeBox.replaceChildren(section(`${place.name} (${place.country})`, table([
      ['Date', (e) => e.date],
      ['Source', (e) => e.source],
      ['Target', (e) => e.target],
      ['Event', (e) => eventLabel(e.code)],
      ['Goldstein', (e) => number(e.goldstein)],
    ], place.events, {
      onRow: (e) => {
        window.location.hash = e.target ? `#/dyad/${e.source}/${e.target}?month=${e.date.slice(0, 7)}` : `#/actor/${e.source}`;
      },
    })));
  });
  if (located.length === 0) placeBox.replaceChildren(message('No event in this window names a known place.'));
}
