// One side of the before/after pipeline bench: loads the engine at `argv[2]` (a built dist/index.js)
// and answers the parent's commands, one JSON line each, so the parent can interleave the two
// engines and the baseline under the same machine load.
import { createRequire } from 'node:module';
import * as readline from 'node:readline';

const require = createRequire(import.meta.url);
const spawnedAt = Number(process.argv[3] ?? Date.now());
const { createPipeline } = require(process.argv[2]);
const { STYLE_PRESETS } = require('@teamframe/shared-types');
const pipeline = await createPipeline();
const readyMs = Date.now() - spawnedAt;
let photo;
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const reply = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
reply({ ready: true, readyMs, modelLoadMs: pipeline.modelLoadMs });
for await (const line of readline.createInterface({ input: process.stdin })) {
  const cmd = JSON.parse(line);
  if (cmd.op === 'photo') { photo = Buffer.from(cmd.base64, 'base64'); reply({ ok: true }); continue; }
  if (cmd.op === 'exit') break;
  const style = STYLE_PRESETS[cmd.style ?? 'corporate-grey'];
  const t = performance.now(), c = cpu();
  const r = cmd.op === 'precheck' ? await pipeline.precheck(photo, style) : await pipeline.process(photo, style);
  reply({ wallMs: performance.now() - t, cpuMs: cpu() - c, ok: r.ok, timings: cmd.op === 'precheck' ? r.timingsMs : r.report.timingsMs, rssMb: process.memoryUsage().rss / 2 ** 20 });
}
process.exit(0);
