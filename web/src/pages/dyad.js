// A dyad: its monthly events stacked by QuadClass (click a month to list its events), the events with the
// sentences that tell them (evidence highlighted), and the brief.
import { get, monthEnd } from '../api.js';
import { chart, QUADS } from '../charts.js';
import { h, table, section, message, actorLink, number } from '../dom.js';
import { eventLabel } from '../cameo.js';
import { markEvidence } from '../highlight.js';
import { renderBrief } from './brief.js';

export async function renderDyad(view, a, b, params) {
  const chartBox = h('div', { class: 'chart tall', id: 'trend-chart' });
  const eventsBox = h('div', { id: 'events' });
  const evidenceBox = h('div', { id: 'evidence' });
  const briefBox = h('div', { id: 'brief' }, h('p', { class: 'loading' }, 'Writing the brief…'));
  const eventsTitle = h('h2', {}, 'Events');
  view.replaceChildren(
    h('h1', {}, actorLink(a), ' – ', actorLink(b)),
    section('Events a month, by QuadClass', chartBox),
    h('div', { class: 'columns' },
      h('section', { class: 'card' }, eventsTitle, eventsBox, evidenceBox),
      section('Brief', briefBox)));

  const briefDone = get('/api/brief', { a, b, as_of: params.get('as_of') }).then(
    (brief) => briefBox.replaceChildren(renderBrief(brief)),
    (error) => briefBox.replaceChildren(message(`No brief: ${error.message}`, 'error')));

  const series = await get('/api/series', { a, b, by: 'month' });
  if (series.points.length === 0) {
    chartBox.replaceChildren(message(`No events between ${a} and ${b} in the store.`));
    await briefDone;
    return;
  }
  const months = series.points.map((p) => p.start.slice(0, 7));
  const trend = chart('trend', chartBox, {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 60 },
    dataZoom: [{ type: 'slider', bottom: 10 }],
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: 'events' },
    series: QUADS.map((q) => ({
      name: q.name, type: 'bar', stack: 'quad', color: q.color, data: series.points.map((p) => p[q.key]),
    })),
  });

  async function showMonth(index) {
    const start = series.points[index].start;
    const end = monthEnd(start);
    eventsTitle.textContent = `Events, ${months[index]}`;
    evidenceBox.replaceChildren();
    eventsBox.replaceChildren(h('p', { class: 'loading' }, 'Loading events…'));
    const { events, next } = await get('/api/events', { dyad: `${a},${b}`, from: start, to: end, limit: 200 });
    const rows = table([
      ['Date', (e) => e.date],
      ['Source', (e) => e.source],
      ['Target', (e) => e.target],
      ['Event', (e) => eventLabel(e.code)],
      ['Goldstein', (e) => number(e.goldstein)],
      ['Mode', (e) => e.mode],
      ['Mentions', (e) => e.num_mentions],
      ['Place', (e) => e.location?.name ?? ''],
    ], events, {
      onRow: (e, tr) => {
        for (const row of tr.parentElement.children) row.classList.toggle('selected', row === tr);
        showEvidence(e);
      },
      rowData: (e) => ({ eventId: e.id }),
      className: 'data events',
    });
    eventsBox.replaceChildren(events.length ? rows : message('No events this month.'));
    if (next) eventsBox.append(message('Showing the first 200 events of the month.'));
  }

  async function showEvidence(e) {
    evidenceBox.replaceChildren(h('p', { class: 'loading' }, 'Loading the sentences…'));
    const { mentions } = await get('/api/mentions', { event: e.id });
    if (mentions.length === 0) {
      evidenceBox.replaceChildren(message(`Event ${e.id} came without text (${e.origin} ${e.origin_id}).`));
      return;
    }
    evidenceBox.replaceChildren(
      h('h3', { dataset: { eventId: e.id } }, `${e.date}: ${e.source} ${eventLabel(e.code)} ${e.target}`),
      ...mentions.map((m) => h('blockquote', { class: 'mention' },
        markEvidence(m.text, m.evidence.start, m.evidence.end),
        h('footer', {},
          m.url ? h('a', { href: m.url, rel: 'noopener noreferrer', target: '_blank' }, m.title || m.url)
            : (m.title || m.external_id),
          ` · ${m.source || 'unknown source'} · ${m.date} · sentence ${m.sentence + 1}`,
          ` · ${m.source_text} / ${m.verb_text} / ${m.target_text || '–'}`))));
  }

  trend.on('click', (p) => showMonth(p.dataIndex));
  // The newest month with events, unless the address names one.
  let index = months.indexOf(params.get('month') ?? '');
  if (index < 0) index = series.points.findLastIndex((p) => p.events > 0);
  await Promise.all([showMonth(index), briefDone]);
}
