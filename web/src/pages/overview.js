// Overview: the current alerts (shifts in a dyad's cooperation or conflict) and the most active dyads of the
// store's last 90 days, with their mix of QuadClasses.
import { get } from '../api.js';
import { chart, QUADS } from '../charts.js';
import { h, table, section, message, dyadLink, number } from '../dom.js';

export async function renderOverview(view) {
  const alertsBox = h('div', { id: 'alerts' });
  const activeBox = h('div', { id: 'active-dyads' });
  const chartBox = h('div', { class: 'chart', id: 'active-chart' });
  const note = h('p', { class: 'note' });
  view.replaceChildren(
    h('h1', {}, 'Overview'),
    section('Current alerts', alertsBox),
    section('Most active dyads', note, chartBox, activeBox));

  const [alerts, active] = await Promise.all([get('/api/alerts', { limit: 25 }), get('/api/dyads', { limit: 15 })]);

  if (alerts.alerts.length === 0) {
    alertsBox.append(message('No dyad moved beyond its usual range in the last eight weeks of the store.'));
  } else {
    alertsBox.append(table([
      ['Dyad', (a) => dyadLink(a.a, a.b)],
      ['Series', (a) => a.series],
      ['Change', (a) => h('span', { class: `change ${a.direction}` }, a.direction === 'up' ? '▲ rose' : '▼ fell')],
      ['Events / week', (a) => `${number(a.rate_before)} → ${number(a.rate_after)}`],
      ['Since', (a) => a.start],
      ['Detected', (a) => a.detected],
      ['Goldstein', (a) => `${number(a.goldstein_before)} → ${number(a.goldstein_after)}`],
    ], alerts.alerts, { onRow: (a) => { window.location.hash = `#/dyad/${a.a}/${a.b}`; }, className: 'data alerts' }));
  }

  if (active.dyads.length === 0) {
    activeBox.append(message('The store has no events yet: ingest some news (dyad ingest).'));
    return;
  }
  note.textContent = `Events in both directions, ${active.from} to ${active.to} (the store's last 90 days).`;
  activeBox.append(table([
    ['Dyad', (d) => dyadLink(d.a, d.b)],
    ['Events', (d) => d.events],
    ...QUADS.map((q, i) => [q.name, (d) => d.quad[i]]),
    ['Mean Goldstein', (d) => number(d.goldstein_mean, 2)],
  ], active.dyads, { onRow: (d) => { window.location.hash = `#/dyad/${d.a}/${d.b}`; } }));

  const dyads = [...active.dyads].reverse();  // the largest on top
  const activeChart = chart('active', chartBox, {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 90, right: 20, top: 30, bottom: 20 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: dyads.map((d) => `${d.a} – ${d.b}`) },
    series: QUADS.map((q, i) => ({
      name: q.name, type: 'bar', stack: 'events', color: q.color, data: dyads.map((d) => d.quad[i]),
    })),
  });
  activeChart.on('click', (p) => {
    const d = dyads[p.dataIndex];
    window.location.hash = `#/dyad/${d.a}/${d.b}`;
  });
}
