// A small element builder: every piece of data goes in as text, never as HTML, so that nothing the store holds
// can become markup.

// h('a', {href: '#/x', class: 'c'}, 'text', child, [more children]).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) {
      append(el, child);
    } else {
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

// A table: `columns` are [heading, (row) => cell content]; `onRow(row, tr)` makes rows clickable and
// `rowData(row)` gives a row's data- attributes.
export function table(columns, rows, { onRow, rowData, className } = {}) {
  const head = h('tr', {}, columns.map(([heading]) => h('th', {}, heading)));
  const body = rows.map((row) => {
    const tr = h('tr', { dataset: rowData?.(row) }, columns.map(([, cell]) => h('td', {}, cell(row))));
    if (onRow) {
      tr.classList.add('clickable');
      tr.tabIndex = 0;
      tr.addEventListener('click', () => onRow(row, tr));
      tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') onRow(row, tr); });
    }
    return tr;
  });
  return h('table', { class: className ?? 'data' }, h('thead', {}, head), h('tbody', {}, body));
}

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), children);
}

export function message(text, kind = 'note') {
  return h('p', { class: kind }, text);
}

export function dyadLink(a, b) {
  return h('a', { href: `#/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}` }, `${a} – ${b}`);
}

export function actorLink(code) {
  return h('a', { href: `#/actor/${encodeURIComponent(code)}` }, code);
}

export function number(x, digits = 1) {
  return x === null || x === undefined ? '–' : Number(x).toFixed(digits).replace(/\.0+$/, '');
}
