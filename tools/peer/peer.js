// The benchmark peer: the default OmniRx funnel computed by DuckDB-wasm from CSV files.
//
// Served by a plain static server whose root is this folder. Everything comes from this
// origin: DuckDB-wasm from ./node_modules (the "eh" bundle is chosen by hand, because the
// library's automatic bundle selection points at a CDN), the data from ./data/*.csv, the SQL
// from ./tables.sql and ./funnel.sql. The outcome is left in window.peerResult for the harness.
import * as duckdb from './node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs';

const DIST = new URL('./node_modules/@duckdb/duckdb-wasm/dist/', import.meta.url);
const CSV_FILES = [
  'settings.csv',
  'hcps.csv',
  'channels.csv',
  'products.csv',
  'interactions.csv',
  'prescriptions.csv',
];

async function fetchOk(url) {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  return response;
}

// tables.sql ends each statement with a semicolon at the end of a line; running them one by
// one keeps an error message tied to the statement that caused it. Comment lines go first, so
// that a semicolon in a comment cannot split a statement.
function statements(text) {
  return text
    .replace(/^\s*--.*$/gm, '')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function round(milliseconds) {
  return Math.round(milliseconds * 10) / 10;
}

function show(result) {
  window.peerResult = result;
  document.getElementById('result').textContent = JSON.stringify(result, null, 2);
  document.title = result.error ? 'peer: error' : 'peer: done';
}

async function main() {
  const parameters = new URLSearchParams(window.location.search);
  const runs = Math.max(1, Number.parseInt(parameters.get('runs') ?? '5', 10) || 5);

  const worker = new Worker(new URL('duckdb-browser-eh.worker.js', DIST));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(new URL('duckdb-eh.wasm', DIST).href);
  const duckdbVersion = await db.getVersion();
  const packageJson = await (await fetchOk(new URL('../package.json', DIST))).json();
  const connection = await db.connect();
  const [tablesSql, funnelSql] = await Promise.all([
    fetchOk('tables.sql').then((response) => response.text()),
    fetchOk('funnel.sql').then((response) => response.text()),
  ]);

  // load_ms covers what a user of the peer waits for before the first query: fetching the CSV
  // files and building the tables from them.
  const loadStarted = performance.now();
  const buffers = await Promise.all(
    CSV_FILES.map(async (name) => new Uint8Array(await (await fetchOk(`data/${name}`)).arrayBuffer())),
  );
  const fetched = performance.now();
  for (let index = 0; index < CSV_FILES.length; index += 1) {
    await db.registerFileBuffer(CSV_FILES[index], buffers[index]);
  }
  for (const statement of statements(tablesSql)) {
    await connection.query(statement);
  }
  const loadMs = performance.now() - loadStarted;

  const sizes = (
    await connection.query(
      'SELECT (SELECT count(*) FROM interactions) AS interactions, ' +
        '(SELECT count(*) FROM prescriptions) AS prescriptions',
    )
  ).toArray()[0];

  const queryMs = [];
  let counts = null;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const table = await connection.query(funnelSql);
    queryMs.push(performance.now() - started);
    const rows = table.toArray().map((row) => ({ step: Number(row.step), count: Number(row.count) }));
    const runCounts = rows.map((row) => row.count);
    // Every run must give the same answer; a difference would mean the query is not
    // deterministic, which the comparison with the app must not hide.
    if (counts !== null && JSON.stringify(counts) !== JSON.stringify(runCounts)) {
      throw new Error(`run ${run + 1} gave ${runCounts}, run 1 gave ${counts}`);
    }
    counts = runCounts;
  }
  await connection.close();

  show({
    counts,
    query_ms: queryMs.map(round),
    median_query_ms: round(median(queryMs)),
    load_ms: round(loadMs),
    fetch_ms: round(fetched - loadStarted),
    duckdb_version: duckdbVersion,
    duckdb_wasm_version: packageJson.version,
    bundle: 'eh',
    rows: { interactions: Number(sizes.interactions), prescriptions: Number(sizes.prescriptions) },
    runs,
  });
  await db.terminate();
}

main().catch((error) => show({ error: String(error && error.message ? error.message : error) }));
