/**
 * `npm run bench`: the speed targets of the engine, each measured in this process next to a baseline measured in
 * the same run (so the ratio means something on any machine). Run `npm run build` first: the cold start is measured
 * on the bundle users get.
 */
import { basename } from 'node:path';
import { conditionsPerSecond, mapLookupsPerSecond, perSkip, perStepOverhead, rawDurableAppend } from './engine-bench.ts';
import { coldStartValidate, jsonParseOfSameSize, largestSequence, parseAndValidate } from './startup-bench.ts';
import { planAndWrite2TB, write2MiB } from './disk-bench.ts';
import { applyThroughEngine } from './imaging-bench.ts';
import { applyThroughLinuxBackend } from './linux-imaging-bench.ts';
import { peakRssMoving2GiB, throughputVsCurl } from './download-bench.ts';
import { coldStartSingleFile } from './single-file-bench.ts';
import { bareMapOfSameIds, matchAtScale } from './drivers-bench.ts';
import { printRows, type Row } from './measure.ts';

const rows: Row[] = [];
const append = rawDurableAppend();
const step = await perStepOverhead();
rows.push({ name: 'engine overhead per executed trivial step (durable journal)', value: step, unit: 'ms', target: '<= 2 ms', ok: step <= 2, baseline: `one raw write+fdatasync (${append.toFixed(3)} ms)`, ratio: step / append });
const skip = await perSkip();
rows.push({ name: 'per condition-false skip', value: skip, unit: 'ms', target: '<= 0.1 ms', ok: skip <= 0.1, baseline: `one raw write+fdatasync (${append.toFixed(3)} ms)`, ratio: skip / append });
const cps = conditionsPerSecond();
const lookups = mapLookupsPerSecond();
rows.push({ name: 'variable conditions evaluated per second', value: cps, unit: '/s', target: '>= 1,000,000', ok: cps >= 1_000_000, baseline: `bare Map lookups (${Math.round(lookups).toLocaleString('en-US')}/s)`, ratio: cps / lookups });
const largest = largestSequence();
const parse = await parseAndValidate(largest);
const jsonParse = await jsonParseOfSameSize(largest);
rows.push({ name: `parse+validate of ${basename(largest).slice(0, 28)}...`, value: parse, unit: 'ms', target: '<= 20 ms', ok: parse <= 20, baseline: `JSON.parse of as many bytes (${jsonParse.toFixed(3)} ms)`, ratio: parse / jsonParse });
const cold = coldStartValidate();
rows.push({ name: `cold start of taskseq validate${cold.usedBundle ? '' : ' (NO BUNDLE: run npm run build)'}`, value: cold.validate, unit: 'ms', target: '<= 150 ms', ok: cold.validate <= 150, baseline: `node -e 0 (${cold.bareNode.toFixed(1)} ms)`, ratio: cold.validate / cold.bareNode });
const single = await coldStartSingleFile();
rows.push({ name: `cold start of the single-file agent (${Math.round(single.bytes / 1024)} KiB), validate`, value: single.validate, unit: 'ms', target: '<= 150 ms', ok: single.validate <= 150, baseline: `node -e 0 (${single.bareNode.toFixed(1)} ms)`, ratio: single.validate / single.bareNode });
const disk = await planAndWrite2TB();
const plain = await write2MiB();
rows.push({ name: 'plan + write the partition table of a 2 TB sparse disk', value: disk, unit: 'ms', target: '<= 50 ms', ok: disk <= 50, baseline: `writing 2 MiB to a file (${plain.toFixed(3)} ms)`, ratio: disk / plain });
const image = await applyThroughEngine();
const overhead = image.engine / image.wimlib - 1;
rows.push({ name: 'Apply OS step on a ~1 GiB image: overhead over wimlib-imagex', value: overhead * 100, unit: '%', target: '<= 5 %', ok: overhead <= 0.05, baseline: `wimlib-imagex apply alone (${Math.round(image.wimlib)} ms)`, ratio: image.engine / image.wimlib });
const live = await applyThroughLinuxBackend();
if (live) {
  const liveOverhead = live.engine / live.wimlib - 1;
  rows.push({ name: 'Apply OS via the Linux backend onto a loop device: overhead', value: liveOverhead * 100, unit: '%', target: '<= 5 %', ok: liveOverhead <= 0.05, baseline: `wimlib-imagex apply onto NTFS loop (${Math.round(live.wimlib)} ms)`, ratio: live.engine / live.wimlib });
} else {
  console.log('Apply OS via the Linux backend: not measured (needs root and loop devices)');
}
const download = await throughputVsCurl();
rows.push({ name: 'download 1 GiB from nginx, SHA-256 verified: vs curl', value: (download.ours / download.curl) * 100, unit: '%', target: '>= 90 %', ok: download.ours >= 0.9 * download.curl, baseline: `curl -o (${Math.round(download.curl)} MiB/s; ours ${Math.round(download.ours)} MiB/s)`, ratio: download.ours / download.curl });
const rss = await peakRssMoving2GiB();
rows.push({ name: 'peak RSS of taskseq run --source staging 2 GiB', value: rss.big, unit: 'MB', target: '<= 100 MB', ok: rss.big <= 100, baseline: `same run staging 1 MiB (${rss.small.toFixed(1)} MB)`, ratio: rss.big / rss.small });
const drivers = await matchAtScale();
const bareMap = await bareMapOfSameIds();
rows.push({ name: `match 200 devices against ${drivers.entries.toLocaleString('en-US')} INF model entries`, value: drivers.ms, unit: 'ms', target: '<= 200 ms', ok: drivers.ms <= 200, baseline: `bare Map of the same IDs (${bareMap.toFixed(1)} ms)`, ratio: drivers.ms / bareMap });
printRows(rows);
const missed = rows.filter((r) => !r.ok).length;
console.log(missed ? `\n${missed} target(s) missed` : '\nall targets met');
