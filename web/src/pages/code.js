// Code a text: POST /api/code codes what the user typed (nothing is stored); the text comes back with each
// event's evidence underlined and the words that gave its actors and verb highlighted, and the events listed.
import { post } from '../api.js';
import { h, table, section, message, number } from '../dom.js';
import { eventLabel } from '../cameo.js';
import { byteToIndex, findWords, markRanges } from '../highlight.js';

const EXAMPLE = 'North Korea fired a ballistic missile toward Japan on Monday, and Japan protested to Pyongyang.';

export async function renderCode(view, params) {
  const text = h('textarea', { id: 'code-text', rows: 6, placeholder: EXAMPLE, 'aria-label': 'text to code' });
  text.value = params.get('text') ?? '';
  const date = h('input', { id: 'code-date', type: 'date', 'aria-label': 'the text\'s date' });
  date.value = new Date().toISOString().slice(0, 10);
  const button = h('button', { type: 'submit', id: 'code-button' }, 'Code');
  const result = h('div', { id: 'code-result' });
  const form = h('form', { class: 'code-form' }, text, h('div', { class: 'row' }, h('label', {}, 'Date ', date), button));
  view.replaceChildren(
    h('h1', {}, 'Code a text'),
    h('p', { class: 'note' }, 'Type or paste news text: the coder finds who did what to whom. Nothing is stored.'),
    form, result);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { text: text.value.trim() || EXAMPLE, date: date.value };
    if (!text.value.trim()) text.value = EXAMPLE;
    button.disabled = true;
    result.replaceChildren(h('p', { class: 'loading' }, 'Coding…'));
    try {
      const coded = await post('/api/code', body);
      result.replaceChildren(...renderCoded(body.text, coded.events));
      result.dataset.events = String(coded.events.length);
    } catch (error) {
      result.replaceChildren(message(error.message, 'error'));
    } finally {
      button.disabled = false;
    }
  });
}

function renderCoded(text, events) {
  const ranges = [];
  for (const e of events) {
    const from = byteToIndex(text, e.evidence.start);
    const to = byteToIndex(text, e.evidence.end);
    const label = `${e.source} ${e.code} ${e.target}`;
    for (const [kind, words] of [['actor', e.source_text], ['verb', e.verb_text], ['actor', e.target_text]]) {
      const at = findWords(text, words, from, to);
      if (at) ranges.push({ begin: at[0], end: at[1], kind, title: `${kind} of ${label}` });
    }
  }
  const legend = h('p', { class: 'legend' }, h('mark', { class: 'actor' }, 'actor'), ' ', h('mark', { class: 'verb' }, 'verb'));
  return [
    section('Text', legend, h('p', { class: 'coded-text' }, markRanges(text, ranges))),
    section(`Events (${events.length})`, events.length === 0 ? message('The coder found no event in this text.') : table([
      ['Source', (e) => h('span', { title: e.source_text }, e.source)],
      ['Event', (e) => eventLabel(e.code)],
      ['Target', (e) => h('span', { title: e.target_text }, e.target || '–')],
      ['Verb', (e) => e.verb_text],
      ['QuadClass', (e) => e.quad_class],
      ['Goldstein', (e) => number(e.goldstein)],
      ['Mode', (e) => e.mode],
      ['Confidence', (e) => number(e.confidence, 2)],
      ['Place', (e) => e.location?.name ?? ''],
    ], events, { className: 'data coded-events' })),
  ];
}
