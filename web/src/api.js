// The dyad serve API (docs/server.md), same origin. Every call returns the parsed JSON or throws an Error with
// the server's message.

export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.append(name, value);
  }
  const url = `${path}${query.toString() ? `?${query}` : ''}`;
  return parse(await fetch(url, { headers: { Accept: 'application/json' } }), url);
}

export async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return parse(response, path);
}

async function parse(response, url) {
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${url}: ${response.status} (not JSON)`);
  }
  if (!response.ok) throw new Error(json?.error ?? `${url}: ${response.status}`);
  return json;
}

// The store's last day with events, as the analyses default to it: the end of /api/dyads' default window.
// Pages that need a "recent" window (the map) count back from it, so an old store still shows its news.
let lastDay = null;
export async function storeLastDay() {
  if (!lastDay) lastDay = get('/api/dyads', { limit: 1 }).then((d) => d.to);
  return lastDay;
}

export function addDays(isoDate, days) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// The last day of the month that holds `isoDate`.
export function monthEnd(isoDate) {
  const d = new Date(`${isoDate.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}
