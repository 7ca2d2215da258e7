// `npm run bench`: figures, not pass/fail. Each figure is the median of several runs; ratios are against a
// baseline measured in the same run, so they hold on a noisy machine. Figures with a goal say whether they
// met it. Writes bench/results.json ({name, value, unit, ratio?, baseline?, goal?, met?, bench, machine, at}) and
// bench/README.md (the table, realistic figures first, and how each figure is measured: scripts/bench/method.md),
// and prints a table. Benches not run this time keep their previous rows.
// `npm run bench -- --no-browser` skips the Chromium benchmarks; `npm run bench -- popup hook` runs only the
// named ones. Each benchmark lives in scripts/bench/<name>.ts. `popup-large` (50,000 realistic parcels; its
// capture alone takes many minutes) runs only when named: `npm run bench -- popup-large`.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { describeGoal, goalMet, root, type Result } from './bench/common';
import { machineNow, mergeRows, readme, type Row } from './bench/report';
import { benchParsers } from './bench/parsers';
import { benchHook } from './bench/hook';
import { benchPopup, benchPopupLarge } from './bench/popup';
import { benchRefresh } from './bench/refresh';
import { benchHistory } from './bench/history';
import { benchIngest } from './bench/ingest';
import { benchAccuracy } from './bench/accuracy';
import { benchLongTask } from './bench/longtask';
import { benchRestore } from './bench/restore';

/** name → [runs in Chromium?, benchmark] */
const BENCHES: Record<string, [boolean, (record: (r: Result) => void) => void | Promise<void>]> = {
  parsers: [false, benchParsers],
  hook: [true, benchHook],
  popup: [true, benchPopup],
  history: [false, benchHistory],
  refresh: [true, benchRefresh],
  ingest: [true, benchIngest],
  accuracy: [false, benchAccuracy],
  longtask: [true, benchLongTask],
  restore: [true, benchRestore],
  'popup-large': [true, benchPopupLarge],
};
/** Run only when named, never by a plain `npm run bench` (so their rows survive default runs). */
const ONLY_WHEN_NAMED = new Set(['popup-large']);

const args = process.argv.slice(2);
const noBrowser = args.includes('--no-browser');
const only = args.filter((a) => !a.startsWith('--'));
const results: Result[] = [];
const benchOf: string[] = [];
let current = '';
const record = (r: Result) => {
  const met = goalMet(r);
  const full: Result = met === undefined ? r : { ...r, met };
  results.push(full);
  benchOf.push(current);
  console.log(`  ${r.name}: ${r.value.toFixed(3)} ${r.unit}${r.ratio !== undefined ? ` (${r.ratio.toFixed(2)}×)` : ''}${met === undefined ? '' : met ? ' goal met' : ` GOAL MISSED (${describeGoal(r)})`}`);
};

const selected = Object.entries(BENCHES).filter(([name, [browser]]) => (only.length ? only.includes(name) : !ONLY_WHEN_NAMED.has(name)) && !(browser && noBrowser));
if (selected.some(([, [browser]]) => browser)) execSync('npx vite build', { cwd: root, stdio: 'ignore' });
const loadAtStart = loadavg()[0];
for (const [name, [, run]] of selected) {
  console.log(`bench ${name}`);
  current = name;
  await run(record);
}

mkdirSync(resolve(root, 'bench'), { recursive: true });
const machine = machineNow(loadAtStart);
const at = new Date().toISOString();
const resultsPath = resolve(root, 'bench/results.json');
const previous: Row[] = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as Row[]).filter((r) => typeof r.bench === 'string') : [];
const rowsNow = mergeRows(previous, results.map((r, i) => ({ ...r, bench: benchOf[i], machine, at })));
writeFileSync(resultsPath, JSON.stringify(rowsNow, null, 2));
writeFileSync(resolve(root, 'bench/README.md'), readme(rowsNow, readFileSync(resolve(root, 'scripts/bench/method.md'), 'utf8')));

const rows = results.map((r) => [
  r.name,
  `${r.value.toFixed(r.value >= 100 ? 1 : 3)} ${r.unit}`,
  r.ratio !== undefined ? `${r.ratio.toFixed(2)}×` : '',
  r.baseline ?? '',
  describeGoal(r),
  r.met === undefined ? '' : r.met ? 'yes' : 'NO',
]);
const head = ['benchmark', 'value', 'ratio', 'baseline', 'goal', 'met?'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' │ ').trimEnd();
console.log(`\n${line(head)}\n${widths.map((w) => '─'.repeat(w)).join('─┼─')}`);
for (const row of rows) console.log(line(row));
const missed = results.filter((r) => r.met === false);
console.log(`\n${results.filter((r) => r.goal).length} figures with a goal, ${missed.length} missed${missed.length ? `: ${missed.map((r) => r.name).join('; ')}` : ''}`);
console.log(`written: bench/results.json, bench/README.md (${machine})`);
