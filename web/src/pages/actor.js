// An actor: how its cooperation and its conflict are shared among partners, window by window (GET /api/focus),
// and the shifts the analysis flagged.
import { get } from '../api.js';
import { chart } from '../charts.js';
import { h, table, section, message, dyadLink, number } from '../dom.js';

const PALETTE = ['#1a5fa8', '#c0392b', '#2e8b57', '#8e44ad', '#d4a017', '#16a085', '#d35400', '#7f8c8d',
  '#2c3e50', '#e84393', '#6ab04c', '#0abde3'];

// Stacked areas of each partner's share of the windows' events ("others" for the rest).
function focusOption(windows, kind) {
  const partners = [];
  for (const w of windows) {
    for (const p of w[kind]) if (!partners.includes(p.partner)) partners.push(p.partner);
  }
  const series = partners.map((partner, i) => ({
    name: partner, type: 'line', stack: 'share', areaStyle: {}, symbol: 'none', color: PALETTE[i % PALETTE.length],
    emphasis: { focus: 'series' },
    data: windows.map((w) => Math.round(100 * (w[kind].find((p) => p.partner === partner)?.share ?? 0) * 10) / 10),
  }));
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${v}%` },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', boundaryGap: false, data: windows.map((w) => w.to) },
    yAxis: { type: 'value', name: '% of events', max: 100 },
    series,
  };
}

export async function renderActor(view, actor, params) {
  const cooperationBox = h('div', { class: 'chart', id: 'focus-cooperation' });
  const conflictBox = h('div', { class: 'chart', id: 'focus-conflict' });
  const shiftsBox = h('div', { id: 'shifts' });
  view.replaceChildren(
    h('h1', {}, actor),
    h('p', { class: 'note' }, 'Partner focus: each partner\'s share of the actor\'s events, in 13-week windows ending at the store\'s last day.'),
    h('div', { class: 'columns' },
      section('Cooperation with', cooperationBox),
      section('Conflict with', conflictBox)),
    section('Shifts', shiftsBox));
  const focus = await get('/api/focus', { actor, windows: 8, to: params.get('to') });
  if (focus.windows.every((w) => w.cooperation_total + w.conflict_total === 0)) {
    cooperationBox.replaceChildren(message(`No events of ${actor} in these windows.`));
    conflictBox.replaceChildren();
    return;
  }
  for (const [kind, box] of [['cooperation', cooperationBox], ['conflict', conflictBox]]) {
    const instance = chart(`focus-${kind}`, box, focusOption(focus.windows, kind));
    instance.on('click', (p) => {
      if (p.seriesName && p.seriesName !== 'others') window.location.hash = `#/dyad/${actor}/${p.seriesName}`;
    });
  }
  shiftsBox.append(focus.shifts.length === 0 ? message('No partner\'s share moved significantly.') : table([
    ['Partner', (s) => (s.partner === 'others' ? s.partner : dyadLink(actor, s.partner))],
    ['Kind', (s) => s.kind],
    ['Share', (s) => `${number(100 * s.share_before)}% → ${number(100 * s.share_after)}%`],
    ['Events', (s) => `${s.events_before} → ${s.events_after}`],
    ['Window', (s) => `${s.from} to ${s.to}`],
    ['z', (s) => number(s.z, 2)],
  ], focus.shifts));
}
