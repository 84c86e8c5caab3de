import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXIT_CONTENT_NOT_FOUND, PortRefusal, TaskseqError, type ContentStageRequest } from '../../engine/step-api.ts';
import { createFakeContext, defaults } from '../test-support/fake-context.ts';
import { downloadPackageContentStep as step } from './index.ts';
import { pathVariableName, planDestination } from './plan.ts';
import { validateDownloadPackageContent } from './validate.ts';

const TYPE = 'SMS_TaskSequence_DownloadPackageContentAction';

function options(o: Record<string, string>) {
  return defaults(Object.fromEntries(Object.entries(o).map(([p, v]) => [p, [`OSDDownload${p}`, v] as [string, string]])));
}

const ok = (r: ContentStageRequest) => ({ path: `${r.destination}\\${r.packageId}`, bytes: 10, from: 'http://127.0.0.1:8080' });

test('downloads each package to the task sequence cache and numbers the path variables in list order', async () => {
  const f = createFakeContext({
    node: { type: TYPE, defaultVarList: options({ DownloadPackages: 'LAB00012, LAB00013', DestinationVariable: 'MyContent' }) },
    globals: { _SMSTSMDataPath: 'C:\\_SMSTaskSequence', SMSTSDownloadRetryCount: '4', SMSTSDownloadRetryDelay: '3' },
    stage: ok,
  });
  const r = await step.run(f.ctx);
  assert.equal(r.exitCode, 0, r.message);
  assert.deepEqual(f.staged.map((s) => [s.packageId, s.destination]), [['LAB00012', 'C:\\_SMSTaskSequence\\Packages'], ['LAB00013', 'C:\\_SMSTaskSequence\\Packages']]);
  assert.deepEqual(f.staged[0].retry, { count: 4, delayMs: 3000 });
  assert.equal(f.staged[0].persistInCache, false);
  assert.equal(f.store.get('MyContent01'), 'C:\\_SMSTaskSequence\\Packages\\LAB00012');
  assert.equal(f.store.get('MyContent02'), 'C:\\_SMSTaskSequence\\Packages\\LAB00013');
  assert.equal(f.store.get('_SMSTSLastContentDownloadLocation'), 'http://127.0.0.1:8080');
});

test('a custom path receives <path>\\<PackageID>; SMSTSPersistContent is passed on', async () => {
  const f = createFakeContext({
    node: { type: TYPE, defaultVarList: options({ DownloadPackages: 'LAB00012', DestinationLocationType: 'Custom', DestinationCustomPath: 'D:\\Drivers\\', DestinationVariable: '%Drv%' }) },
    globals: { SMSTSPersistContent: 'true' }, stage: ok,
  });
  assert.equal((await step.run(f.ctx)).exitCode, 0);
  assert.equal(f.staged[0].destination, 'D:\\Drivers');
  assert.equal(f.staged[0].persistInCache, true);
  assert.equal(f.store.get('Drv01'), 'D:\\Drivers\\LAB00012');
});

test('a failed package is skipped with a warning by default and its number stays unused', async () => {
  const f = createFakeContext({
    node: { type: TYPE, defaultVarList: options({ DownloadPackages: 'LAB00012,LAB00099,LAB00013', DestinationVariable: 'C' }) },
    stage: (r) => {
      if (r.packageId === 'LAB00099') throw new PortRefusal('content-unavailable', 'package LAB00099 is not in the media or the cache and no deployment source lists it', EXIT_CONTENT_NOT_FOUND);
      return ok(r);
    },
  });
  const r = await step.run(f.ctx);
  assert.equal(r.exitCode, 0);
  assert.match(r.message ?? '', /1 of 3 package\(s\) could not be downloaded and were skipped: LAB00099/);
  assert.deepEqual([f.store.get('C01'), f.store.get('C02'), f.store.get('C03')].map((v) => v?.slice(-8)), ['LAB00012', undefined, 'LAB00013']);
  assert.ok(f.logs.some((l) => l.severity === 'warning' && /LAB00099.*continuing with the next package/.test(l.message)));
});

test('with ContinueDownloadOnError false the first failure fails the step', async () => {
  const f = createFakeContext({
    node: { type: TYPE, defaultVarList: options({ DownloadPackages: 'LAB00099,LAB00013', ContinueDownloadOnError: 'false' }) },
    stage: () => { throw new PortRefusal('content-unavailable', 'package LAB00099 file a.txt: no deployment source delivered it', EXIT_CONTENT_NOT_FOUND); },
  });
  const r = await step.run(f.ctx);
  assert.equal(r.exitCode, 0x80070002);
  assert.match(r.message ?? '', /package LAB00099: package LAB00099 file a\.txt/);
  assert.equal(f.staged.length, 1);
});

test('the client cache is refused in Windows PE; other errors are not swallowed', async () => {
  const pe = createFakeContext({ node: { type: TYPE, defaultVarList: options({ DownloadPackages: 'LAB00012', DestinationLocationType: 'CCMCache' }) }, environment: { inWinPE: true } });
  const r = await step.run(pe.ctx);
  assert.equal(r.exitCode, 50);
  assert.equal(pe.staged.length, 0);
  const broken = createFakeContext({ node: { type: TYPE, defaultVarList: options({ DownloadPackages: 'LAB00012' }) }, stage: () => { throw new Error('bug'); } });
  await assert.rejects(step.run(broken.ctx), /bug/);
});

test('plan: destinations and variable names', () => {
  assert.deepEqual(planDestination({ location: 'CCMCache', dataPath: 'C:\\_SMSTaskSequence', inWinPE: false }), { folder: 'C:\\Windows\\ccmcache' });
  assert.deepEqual(planDestination({ location: 'CCMCache', dataPath: 'C:\\_SMSTaskSequence', clientCache: 'D:\\Windows\\ccmcache', inWinPE: false }), { folder: 'D:\\Windows\\ccmcache' });
  assert.equal(pathVariableName('X', 0), 'X01');
  assert.equal(pathVariableName('X', 99), 'X100');
});

test('validation: location, custom path, variable name; packages declared for the preflight', () => {
  const view = (o: Record<string, string>) => {
    const list = options(o);
    return {
      node: { kind: 'step' as const, name: 'Download', type: TYPE, defaultVarList: list },
      options: Object.fromEntries(list.map((d) => [d.property!, d.value])),
      optionVariables: Object.fromEntries(list.map((d) => [d.property!, d.name])),
    };
  };
  const problems = validateDownloadPackageContent(view({ DownloadPackages: ' , ', DestinationLocationType: 'Custom', DestinationVariable: '_Bad' }));
  assert.deepEqual(problems.map((p) => p.field), ['OSDDownloadDownloadPackages', 'DestinationCustomPath', 'OSDDownloadDestinationVariable']);
  assert.equal(validateDownloadPackageContent(view({ DownloadPackages: 'A', DestinationLocationType: 'Elsewhere' }))[0].message, '"Elsewhere" is not TSCache, CCMCache or Custom');
  assert.deepEqual(step.packages!(view({ DownloadPackages: 'LAB00012, %Model%Drivers ,LAB00013' })), ['LAB00012', 'LAB00013']);
});
