#!/usr/bin/env node
// Proves a reshape of the engine changed no output: runs two builds of the CLI (a saved "before" dist and
// the current libs/pipeline/dist) over the shared portraits with every style preset, and compares every
// rendition file's SHA-256 and every report with its timings left out.
//
//   node libs/pipeline/bench/same-renditions.mjs <before-dist-dir> [<after-dist-dir>]
//
// SAME_RENDITIONS_REUSE_BEFORE=1 compares against the before outputs of the last run instead of making them again;
// SAME_RENDITIONS_PRESETS=a,b runs only those presets (a quick look; the proof is all of them).
//
// A before-dist must sit beside the package's models/, profiles/ and samples/ (they are found from
// __dirname/..): copy a build to out/before/pipeline/dist and symlink those three folders next to it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const PRESETS = process.env.SAME_RENDITIONS_PRESETS?.split(',') ?? require('@teamframe/shared-types').STYLE_PRESET_IDS;
const PORTRAITS = process.env.TEAMFRAME_PORTRAITS ?? path.resolve(root, '../shared/testdata/portraits');
const [beforeDist, afterDist = path.join(root, 'libs/pipeline/dist')] = process.argv.slice(2);
if (!beforeDist) {
  console.error('usage: same-renditions.mjs <before-dist-dir> [<after-dist-dir>]');
  process.exit(2);
}
const work = path.join(root, 'out/same-renditions');

/** Every output file of one build for one preset: name → SHA-256 (renditions) or report without timings. */
function run(dist, label, preset, reuse = false) {
  const out = path.join(work, label, preset);
  if (!reuse) {
    fs.rmSync(out, { recursive: true, force: true });
    execFileSync(process.execPath, [path.join(dist, 'cli.js'), '--style', preset, '--out', out, PORTRAITS], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const files = new Map();
  for (const f of fs.readdirSync(out).sort()) {
    const bytes = fs.readFileSync(path.join(out, f));
    if (f.endsWith('.report.json')) {
      const r = JSON.parse(bytes.toString('utf8'));
      delete r.report.timingsMs;
      files.set(f, JSON.stringify(r));
    } else files.set(f, createHash('sha256').update(bytes).digest('hex'));
  }
  return files;
}

let renditions = 0, reports = 0;
const differ = [];
for (const preset of PRESETS) {
  const before = run(beforeDist, 'before', preset, process.env.SAME_RENDITIONS_REUSE_BEFORE === '1');
  const after = run(afterDist, 'after', preset);
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(name) !== after.get(name)) differ.push(`${preset}/${name}`);
    else if (name.endsWith('.report.json')) reports++;
    else renditions++;
  }
}
console.log(`${renditions} renditions byte-identical, ${reports} reports identical (timings aside), presets ${PRESETS.join(', ')}`);
if (differ.length) {
  console.log(`${differ.length} differ:\n  ${differ.join('\n  ')}`);
  process.exit(1);
}
