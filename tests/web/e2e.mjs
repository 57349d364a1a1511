// The dashboard in headless Chromium (Debian's, through playwright-core): every page on a store seeded with the
// sample news, checking that what it shows came from the data (chart series with values, the brief's four
// sections, the evidence highlighted in its sentence, a typed sentence coded). Screenshots go to ARTIFACT_DIR.
// No dates are assumed: the pages count back from the store's last day, so the test passes in any year.
//   node tests/web/e2e.mjs URL ARTIFACT_DIR WEB_SOURCE_DIR
import { createRequire } from 'node:module';
import path from 'node:path';

const [url, artifacts, webSource] = process.argv.slice(2);
const require = createRequire(path.join(webSource, 'package.json'));
const { chromium } = require('playwright-core');

const failures = [];
function check(condition, what) {
  if (!condition) failures.push(what);
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${what}`);
}

// The total of every value a chart's series holds (bars, areas, scatter sizes, graph nodes and links).
function seriesSummary(name) {
  const chart = window.dyadCharts?.[name];
  if (!chart) return null;
  const option = chart.getOption();
  const series = option.series ?? [];
  const number = (v) => (Array.isArray(v) ? number(v[v.length - 1]) : typeof v === 'object' && v !== null ? number(v.value ?? 1) : Number(v) || 0);
  return {
    series: series.length,
    points: series.reduce((n, s) => n + (s.data?.length ?? 0), 0),
    links: series.reduce((n, s) => n + (s.links?.length ?? 0), 0),
    total: series.reduce((n, s) => n + (s.data ?? []).reduce((m, v) => m + number(v), 0), 0),
  };
}

const started = Date.now();
const browser = await chromium.launch({
  executablePath: process.env.DYAD_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const errors = [];
page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });

async function open(hash, name) {
  await page.goto(`${url}/${hash}`);
  await page.waitForSelector(`body[data-ready="${name}"]`, { timeout: 20000 });
  const problem = await page.locator('#view .error').allTextContents();
  check(problem.length === 0, `${name}: no error shown ${problem.join(' ')}`);
}
const shot = (name) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

try {
  // Overview: the most active dyads (table and stacked bars), and the alerts section (the sample news is too
  // thin for alerts; the section must say so rather than stay empty).
  await open('#/', 'overview');
  const activeRows = await page.locator('#active-dyads tbody tr').count();
  check(activeRows > 0, `overview: ${activeRows} most active dyads listed`);
  const active = await page.evaluate(seriesSummary, 'active');
  check(active && active.series === 4 && active.total > 0, `overview: active-dyads chart has data ${JSON.stringify(active)}`);
  const alertsShown = await page.locator('#alerts tbody tr, #alerts p').count();
  check(alertsShown > 0, 'overview: the alerts section shows alerts or says there are none');
  await shot('overview');

  // A dyad: the trend stacked by QuadClass, the brief's four sections, an event's evidence in its sentence.
  await open('#/dyad/CHN/USA', 'dyad');
  const trend = await page.evaluate(seriesSummary, 'trend');
  check(trend && trend.series === 4 && trend.points > 0 && trend.total > 0, `dyad: trend chart has data ${JSON.stringify(trend)}`);
  const headings = await page.locator('#brief .brief-section h3').allTextContents();
  const wanted = ["What's Happening?", "Why It's Important?", "What's Next?", 'Beyond the Headlines'];
  check(JSON.stringify(headings) === JSON.stringify(wanted), `dyad: the brief's sections ${JSON.stringify(headings)}`);
  const briefText = await page.locator('#brief .brief-section p').first().textContent();
  check(briefText && briefText.length > 20, 'dyad: the brief has sentences');
  const rows = page.locator('#events tbody tr');
  check(await rows.count() > 0, `dyad: ${await rows.count()} events listed for the newest month`);
  const eventId = await rows.first().getAttribute('data-event-id');
  await rows.first().click();
  await page.waitForSelector(`#evidence h3[data-event-id="${eventId}"]`, { timeout: 10000 });
  const marks = await page.locator('#evidence mark.evidence').allTextContents();
  // What the API says the evidence is: bytes [start, end) of the sentence.
  const mentions = await page.evaluate(async (id) => (await fetch(`/api/mentions?event=${id}`)).json(), eventId);
  const expected = mentions.mentions.map((m) => Buffer.from(m.text).subarray(m.evidence.start, m.evidence.end).toString());
  check(marks.length > 0 && marks.length === expected.length && marks.every((m, i) => m === expected[i] && m.length > 0),
    `dyad: evidence highlighted ${JSON.stringify(marks)}`);
  const sentence = await page.locator('#evidence .sentence').first().textContent();
  check(sentence === mentions.mentions[0].text && sentence.length > marks[0].length - 1, 'dyad: the whole sentence is shown around the evidence');
  await shot('dyad');

  // An actor's partner focus over time.
  await open('#/actor/PRK', 'actor');
  const focus = await page.evaluate(seriesSummary, 'focus-cooperation');
  check(focus && focus.series > 0 && focus.total > 0, `actor: focus chart has data ${JSON.stringify(focus)}`);
  await shot('actor');

  // The alignment graph.
  await open('#/network', 'network');
  const network = await page.evaluate(seriesSummary, 'network');
  check(network && network.points >= 2 && network.links >= 1, `network: graph has nodes and links ${JSON.stringify(network)}`);
  await shot('network');

  // The map of recent events by place.
  await open('#/map', 'map');
  const map = await page.evaluate(seriesSummary, 'map');
  check(map && map.points > 0 && map.total > 0, `map: points ${JSON.stringify(map)}`);
  await shot('map');

  // Code a text: a typed sentence comes back as events, with its actors and verb highlighted.
  await open('#/code', 'code');
  await page.fill('#code-text', 'North Korea fired a ballistic missile toward Japan on Monday.');
  await page.click('#code-button');
  await page.waitForSelector('#code-result table.coded-events tbody tr', { timeout: 10000 });
  const coded = await page.locator('#code-result table.coded-events tbody tr').allTextContents();
  check(coded.some((row) => row.includes('PRK') && row.includes('JPN')), `code: events listed ${JSON.stringify(coded)}`);
  const actors = await page.locator('#code-result .coded-text mark.actor').allTextContents();
  const verbs = await page.locator('#code-result .coded-text mark.verb').allTextContents();
  check(actors.includes('North Korea') && actors.includes('Japan'), `code: actors highlighted ${JSON.stringify(actors)}`);
  check(verbs.length > 0 && verbs.every((v) => v.length > 0), `code: verb highlighted ${JSON.stringify(verbs)}`);
  await shot('code');

  check(errors.length === 0, `no errors in the browser ${JSON.stringify(errors)}`);
} catch (error) {
  failures.push(error.message);
  console.log(`FAIL ${error.message}`);
  await shot('failure').catch(() => {});
} finally {
  await browser.close();
}
console.log(`${failures.length ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failures.length ? 1 : 0);
