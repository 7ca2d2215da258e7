// `npm run bench`: figures, not pass/fail. Each figure is the median of several runs; ratios are against a
// baseline measured in the same run, so they hold on a noisy machine. Writes bench/results.json and prints
// a table. `npm run bench -- --no-browser` skips the Chromium benchmarks; `npm run bench -- popup hook`
// runs only the named ones. Each benchmark lives in scripts/bench/<name>.ts.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { root, type Result } from './bench/common';
import { benchParsers } from './bench/parsers';
import { benchHook } from './bench/hook';
import { benchPopup } from './bench/popup';
import { benchRefresh } from './bench/refresh';
import { benchHistory } from './bench/history';

/** name → [runs in Chromium?, benchmark] */
const BENCHES: Record<string, [boolean, (record: (r: Result) => void) => void | Promise<void>]> = {
  parsers: [false, benchParsers],
  hook: [true, benchHook],
  popup: [true, benchPopup],
  history: [false, benchHistory],
  refresh: [true, benchRefresh],
};

const args = process.argv.slice(2);
const noBrowser = args.includes('--no-browser');
const only = args.filter((a) => !a.startsWith('--'));
const results: Result[] = [];
const record = (r: Result) => {
  results.push(r);
  console.log(`  ${r.name}: ${r.value.toFixed(3)} ${r.unit}${r.ratio ? ` (${r.ratio.toFixed(2)}×)` : ''}`);
};

const selected = Object.entries(BENCHES).filter(([name, [browser]]) => (!only.length || only.includes(name)) && !(browser && noBrowser));
if (selected.some(([, [browser]]) => browser)) execSync('npx vite build', { cwd: root, stdio: 'ignore' });
for (const [name, [, run]] of selected) {
  console.log(`bench ${name}`);
  await run(record);
}

mkdirSync(resolve(root, 'bench'), { recursive: true });
writeFileSync(resolve(root, 'bench/results.json'), JSON.stringify(results, null, 2));
console.log('\nbenchmark                                                                    value      ratio');
for (const r of results) console.log(`${r.name.padEnd(76)} ${r.value.toFixed(3).padStart(8)} ${r.unit.padEnd(3)} ${r.ratio ? `${r.ratio.toFixed(2)}× ${r.baseline}` : ''}`);
console.log('\nwritten: bench/results.json');
