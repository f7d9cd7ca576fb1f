// The measurements behind tests/perf/web_metrics.sh (run that). Prints one markdown table and
// writes it to --out.
//   node tests/perf/web_metrics.mjs --bench <web_frame_bench> --out <file.md> [--loads 5]
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

import { launchBrowser, openPage, uiFrame, waitForConsole } from '../browser/lib/browser.mjs';
import { settle } from '../browser/lib/screenshot.mjs';
import { repoRoot, siteDir, startServer } from '../browser/lib/server.mjs';

const { values: args } = parseArgs({
  options: {
    bench: { type: 'string' },
    out: { type: 'string', default: path.join(repoRoot, 'build/perf/web-metrics.md') },
    loads: { type: 'string', default: '5' },
  },
});

const budgets = { gzipKB: 400, idleFrames: 0, frameMs: 4 };
// The page's files: the WebAssembly and its loader, the font, the shell, the screen-reader mirror.
const files = ['datahub-web.wasm', 'datahub-web.js', 'inter-ui.otf', 'index.html', 'a11y_mirror.js'];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const verdict = (ok) => (ok ? 'ok' : '**over budget**');

function fileSizes() {
  return files.map((name) => {
    const bytes = readFileSync(path.join(siteDir, name));
    return { name, raw: statSync(path.join(siteDir, name)).size, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

// One cold load: a new browser context (empty cache), timed inside the page from the start of
// navigation (performance.now()) to the console line, so Node's event delivery adds nothing.
async function coldLoad(browser, server) {
  const page = await openPage(browser);
  await page.addInitScript(() => {
    const log = console.log.bind(console);
    console.log = (...a) => {
      if (a[0] === 'datahub: ready') window.__readyAt = performance.now();
      log(...a);
    };
  });
  await page.goto(`${server.url}/#token=${server.token}`);
  await waitForConsole(page, 'datahub: ready');
  const readyMs = await page.evaluate(() => window.__readyAt);
  // What went over the wire for the page's own files (body bytes as encoded by the server).
  const served = await page.evaluate(() => Object.fromEntries(
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
      .map((e) => [new URL(e.name).pathname.split('/').pop() || 'index.html', e.encodedBodySize])));
  return { page, readyMs, served };
}

// Frames drawn while nobody touches the page: once the frames that follow the load's last event
// are over (no frame for 250 ms; on a loaded machine that takes a variable while), 2 s are
// counted. A wake that came back more slowly than every 250 ms would still be counted.
async function idleFrames(page) {
  await settle(page);
  const before = await uiFrame(page);
  await page.waitForTimeout(2000);
  return (await uiFrame(page)) - before;
}

// The native headless frame time at a devicePixelRatio (window and fonts scaled as in the page).
function frameBench(scale) {
  const out = execFileSync(args.bench, ['--rows', '100000', '--frames', '1000', '--scale', String(scale)],
    { encoding: 'utf8' });
  const read = (label) => {
    const m = out.match(new RegExp(`${label}:\\s+median ([\\d.]+) ms\\s+p99 ([\\d.]+) ms`));
    if (!m) throw new Error(`unexpected web_frame_bench output:\n${out}`);
    return { median: Number(m[1]), p99: Number(m[2]) };
  };
  const rows = out.match(/rows=(\d+)/)[1];
  return { scale, font: out.match(/font=(\S+)/)[1].split('/').pop(), rows, still: read('still cpu'), scrolling: read('scrolling cpu'),
    stillWall: read('still wall'), scrollingWall: read('scrolling wall') };
}

async function main() {
  if (!args.bench) throw new Error('--bench <path to web_frame_bench> is required');
  const sizes = fileSizes();
  const server = await startServer();
  const browser = await launchBrowser();
  const loads = [];
  let idle;
  let served = {};
  try {
    for (let i = 0; i < Number(args.loads); i++) {
      const load = await coldLoad(browser, server);
      loads.push(load.readyMs);
      if (i === 0) {
        served = load.served;
        idle = await idleFrames(load.page);
      }
      await load.page.context().close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const benches = [frameBench(1), frameBench(2)];

  const totalGzip = sizes.reduce((s, f) => s + f.gzip, 0);
  const totalRaw = sizes.reduce((s, f) => s + f.raw, 0);
  const totalServed = sizes.reduce((s, f) => s + (served[f.name] ?? f.raw), 0);
  const rows = [
    ['Metric', 'Measured', 'Budget', 'Verdict'],
    ...sizes.map((f) => [`${f.name} (raw / gzip -9 / as served)`,
      `${kb(f.raw)} / ${kb(f.gzip)} / ${served[f.name] === undefined ? 'n/a' : kb(served[f.name])}`, '', '']),
    ['Page total (raw / gzip -9 / as served)', `${kb(totalRaw)} / ${kb(totalGzip)} / ${kb(totalServed)}`, `≤ ${budgets.gzipKB} KB gzipped`,
      verdict(totalGzip <= budgets.gzipKB * 1024)],
    [`Navigation → \`datahub: ready\`, localhost, median of ${loads.length} cold loads`,
      `${median(loads).toFixed(0)} ms (runs: ${loads.map((x) => x.toFixed(0)).join(', ')})`, '', ''],
    ['Frames drawn during 2 s idle', String(idle), String(budgets.idleFrames),
      verdict(idle <= budgets.idleFrames)],
    ...benches.flatMap((frames) => [['still list, hover moving', frames.still, frames.stillWall],
      ['wheel scrolling', frames.scrolling, frames.scrollingWall]].map(([what, cpu, wall]) => [
      `Frame CPU time, ${Number(frames.rows).toLocaleString('en')} rows, DPR ${frames.scale}, ${what} ` +
        `(native headless, ${frames.font}; median / p99 of 1000 frames; wall time in brackets)`,
      `${cpu.median.toFixed(3)} / ${cpu.p99.toFixed(3)} ms (${wall.median.toFixed(3)} / ${wall.p99.toFixed(3)} ms)`,
      `≤ ${budgets.frameMs} ms`, verdict(cpu.p99 <= budgets.frameMs)])),
  ];
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  const table = [
    `Web front end metrics, ${new Date().toISOString()}, commit ${commit}, ` +
      `${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}` +
      ' (timings on a shared machine move with its load).',
    '',
    line(rows[0]),
    line(rows[0].map(() => '---')),
    ...rows.slice(1).map(line),
    '',
  ].join('\n');
  writeFileSync(args.out, table);
  process.stdout.write(table);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
