// A brief (GET /api/brief, JSON) as HTML: the four sections, each sentence with its citation numbers, and the
// numbered sources below.
import { h } from '../dom.js';

export function renderBrief(brief) {
  const sections = brief.sections.map((s) => h('div', { class: 'brief-section' },
    h('h3', {}, s.heading),
    s.sentences.length === 0 ? h('p', { class: 'note' }, 'Nothing to report.')
      : h('p', {}, s.sentences.map((sentence) => [
        sentence.text,
        sentence.citations.map((n) => h('sup', {}, h('button', {
          type: 'button', class: 'cite', title: `source ${n}`,
          // Not an href: the address's fragment is the page's route.
          onclick: () => document.getElementById(`cite-${n}`)?.scrollIntoView({ block: 'center' }),
        }, `[${n}]`))),
        ' ',
      ]))));
  // A source's text is the brief's own footer line (quote, publisher, date, or the query that lists events).
  const sources = h('ol', { class: 'citations' }, brief.citations.map((c) => h('li', { id: `cite-${c.number}` },
    c.text ?? c.description ?? c.quote ?? '',
    c.url ? [' ', h('a', { href: c.url, rel: 'noopener noreferrer', target: '_blank' }, 'link')] : null)));
  return h('article', { class: 'brief' },
    h('h3', { class: 'brief-title' }, brief.title),
    h('p', { class: 'note' }, `${brief.from} to ${brief.as_of}`),
    sections,
    brief.citations.length ? [h('h4', {}, 'Sources'), sources] : null);
}
