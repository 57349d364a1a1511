// The alignment network (GET /api/align): actors whose patterns of cooperation and conflict with the others are
// alike, linked; colours are the blocs the analysis found.
import { get } from '../api.js';
import { chart } from '../charts.js';
import { h, table, section, message, number } from '../dom.js';

const BLOC_COLORS = ['#1a5fa8', '#c0392b', '#2e8b57', '#8e44ad', '#d4a017', '#16a085', '#d35400', '#7f8c8d'];

export async function renderNetwork(view, params) {
  const graphBox = h('div', { class: 'chart tall', id: 'align-graph' });
  const blocsBox = h('div', { id: 'blocs' });
  const note = h('p', { class: 'note' });
  view.replaceChildren(h('h1', {}, 'Alignment network'), note, section('Who lines up with whom', graphBox),
    section('Blocs and triads', blocsBox));
  const align = await get('/api/align', { actors: params.get('actors'), top: params.get('top') ?? 20 });
  const n = align.actors.length;
  if (n === 0) {
    graphBox.replaceChildren(message('Not enough events for an alignment.'));
    return;
  }
  note.textContent = `Similarity of the actors' relations with the others, ${align.from} to ${align.to}; `
    + `links for similarity of 0.5 and more, and each actor's closest partner. Modularity ${number(align.modularity, 2)}.`;
  const bloc = new Map();
  align.blocs.forEach((b, i) => b.members.forEach((m) => bloc.set(m, i)));
  const links = new Map();
  const link = (i, j) => {
    const key = i < j ? `${i},${j}` : `${j},${i}`;
    const s = align.similarity[i][j];
    if (s !== null && s > 0 && i !== j) links.set(key, { source: align.actors[Math.min(i, j)], target: align.actors[Math.max(i, j)], value: s });
  };
  for (let i = 0; i < n; i += 1) {
    let best = -1;
    for (let j = 0; j < n; j += 1) {
      if (i === j) continue;
      const s = align.similarity[i][j];
      if (s !== null && s >= 0.5) link(i, j);
      if (s !== null && (best < 0 || s > align.similarity[i][best])) best = j;
    }
    if (best >= 0) link(i, best);
  }
  const degree = new Map();
  for (const l of links.values()) for (const end of [l.source, l.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
  const graph = chart('network', graphBox, {
    tooltip: { formatter: (p) => (p.dataType === 'edge' ? `${p.data.source} – ${p.data.target}: ${number(p.data.value, 2)}` : p.name) },
    series: [{
      type: 'graph', layout: 'force', roam: true, draggable: true,
      force: { repulsion: 260, edgeLength: [60, 160], gravity: 0.08 },
      label: { show: true, position: 'right' },
      data: align.actors.map((actor) => ({
        name: actor, symbolSize: 14 + 4 * Math.min(8, degree.get(actor) ?? 0),
        itemStyle: { color: bloc.has(actor) ? BLOC_COLORS[bloc.get(actor) % BLOC_COLORS.length] : '#95a5a6' },
      })),
      links: [...links.values()].map((l) => ({ ...l, lineStyle: { width: 1 + 4 * l.value, opacity: 0.6 } })),
    }],
  });
  graph.on('click', (p) => {
    if (p.dataType === 'node') window.location.hash = `#/actor/${p.name}`;
  });
  const blocs = align.blocs.filter((b) => b.members.length > 1);
  const alone = align.blocs.filter((b) => b.members.length === 1).map((b) => b.members[0]);
  blocsBox.append(blocs.length ? table([
    ['Bloc', (b) => b.members.join(', ')],
    ['Cooperative share of mutual events', (b) => `${number(100 * b.internal_cooperation)}%`],
  ], blocs) : message('No blocs of two or more.'));
  if (alone.length) blocsBox.append(message(`In no bloc: ${alone.join(', ')}.`));
  if (align.triads.length) {
    blocsBox.append(table([
      ['Triad', (t) => t.actors.join(' – ')],
      ['Density (1 = baseline)', (t) => number(t.density, 2)],
      ['Before', (t) => number(t.previous_density, 2)],
      ['Cooperative events', (t) => t.cooperative_events],
    ], align.triads));
  }
}
