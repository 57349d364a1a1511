// The dashboard: a hash router over six pages. Each page renders into <main> and marks the body with
// data-page and, once its data is drawn, data-ready (the end-to-end test waits on it).
import './style.css';
import { disposeCharts } from './charts.js';
import { h, message } from './dom.js';
import { renderOverview } from './pages/overview.js';
import { renderDyad } from './pages/dyad.js';
import { renderActor } from './pages/actor.js';
import { renderNetwork } from './pages/network.js';
import { renderMap } from './pages/map.js';
import { renderCode } from './pages/code.js';

const view = document.getElementById('view');
const ACTOR = /^[A-Z0-9]{1,15}$/;

function route(hash) {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  switch (parts[0] ?? '') {
    case '': return { name: 'overview', render: () => renderOverview(view, params) };
    case 'dyad':
      if (parts.length === 3 && ACTOR.test(parts[1]) && ACTOR.test(parts[2])) {
        return { name: 'dyad', render: () => renderDyad(view, parts[1], parts[2], params) };
      }
      break;
    case 'actor':
      if (parts.length === 2 && ACTOR.test(parts[1])) {
        return { name: 'actor', render: () => renderActor(view, parts[1], params) };
      }
      break;
    case 'network': return { name: 'network', render: () => renderNetwork(view, params) };
    case 'map': return { name: 'map', render: () => renderMap(view, params) };
    case 'code': return { name: 'code', render: () => renderCode(view, params) };
    default: break;
  }
  return { name: 'missing', render: async () => view.replaceChildren(message(`No such page: ${hash}`, 'error')) };
}

let current = 0;
async function show() {
  const token = ++current;
  disposeCharts();
  const { name, render } = route(window.location.hash);
  document.body.dataset.page = name;
  delete document.body.dataset.ready;
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.classList.toggle('active', link.dataset.nav === name);
  }
  view.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  try {
    await render();
  } catch (error) {
    if (token === current) view.append(message(`Could not load this page: ${error.message}`, 'error'));
  }
  if (token === current) document.body.dataset.ready = name;
}

document.getElementById('jump').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  const a = form.a.value.trim().toUpperCase();
  const b = form.b.value.trim().toUpperCase();
  if (!ACTOR.test(a)) return;
  window.location.hash = b && ACTOR.test(b) ? `#/dyad/${a}/${b}` : `#/actor/${a}`;
});

window.addEventListener('hashchange', show);
show();
