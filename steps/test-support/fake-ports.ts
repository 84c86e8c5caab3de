/**
 * Ports for step tests: scripted where a test scripts them, throwing on every call it did not script, with recorders
 * for the command requests, partition layouts and content downloads the step made.
 */
import type {
  AppliedLayout,
  CommandRequest,
  CommandResult,
  ContentStageRequest,
  DiskFacts,
  MachineProbe,
  PartitionLayout,
  Ports,
  StagedPackage,
} from '../../engine/step-api.ts';

/** One scripted command: the first whose `match` fits the request's command line answers it. */
export interface ScriptedCommand {
  match: string | RegExp | ((request: CommandRequest) => boolean);
  result: CommandResult;
}

/** What a test scripts of the ports; every port left out throws on use. */
export interface FakePortsOptions {
  /** A whole content fake (default: `packages` for resolve; listing and reading throw). */
  content?: Ports['content'];
  /** Imaging and volume fakes for the image steps (default: every call throws). */
  imaging?: Ports['imaging'];
  volumes?: Ports['volumes'];
  /** Windows installations fake for the setup and capture steps (default: every call throws). */
  windows?: Ports['windows'];
  userState?: Ports['userState'];
  /** Devices and driver catalog fake for the driver steps (default: every call throws). */
  drivers?: Ports['drivers'];
  commands?: ScriptedCommand[];
  /** Package id -> local folder. */
  packages?: Record<string, string>;
  /**
   * Answers `content.stage()` (Download Package Content); without it `stage()` throws (unscripted). A throwing or
   * rejecting function simulates a failed download.
   */
  stage?: (request: ContentStageRequest) => StagedPackage | Promise<StagedPackage>;
  /** Disks `disks.list()` returns; without it `list()` throws (unscripted). */
  disks?: DiskFacts[];
  /** Answers `disks.apply()`; without it `apply()` throws (unscripted). A throwing function simulates a refusal. */
  applyLayout?: (layout: PartitionLayout) => AppliedLayout;
}

/** The fake ports and what the step asked of them, in order. */
export interface FakePorts {
  ports: Ports;
  requests: CommandRequest[];
  /** Layouts passed to `disks.apply()`. */
  applied: PartitionLayout[];
  /** Requests passed to `content.stage()`. */
  staged: ContentStageRequest[];
}

/** Fails a test on a port call it did not script. */
function unscripted(what: string): never {
  throw new Error(`fake context: unscripted call ${what}`);
}

const THROWING_PROBE: MachineProbe = {
  queryWmi: (ns, q) => unscripted(`probe.queryWmi(${ns}, ${q})`),
  file: (p) => unscripted(`probe.file(${p})`),
  folder: (p) => unscripted(`probe.folder(${p})`),
  registry: (k, v) => unscripted(`probe.registry(${k}, ${v})`),
  installedProducts: () => unscripted('probe.installedProducts()'),
};

const THROWING_IMAGING: Ports['imaging'] = {
  inspect: (p) => unscripted(`imaging.inspect(${p})`),
  apply: async (r) => unscripted(`imaging.apply(${r.path}, ${r.index})`),
  capture: async (r) => unscripted(`imaging.capture(${r.source})`),
  writeBootFiles: (r) => unscripted(`imaging.writeBootFiles(${r.windowsPath})`),
  addDrivers: async (r) => unscripted(`imaging.addDrivers(${r.target})`),
  connectedShares: () => unscripted('imaging.connectedShares()'),
};

const THROWING_DRIVERS: Ports['drivers'] = {
  devices: () => unscripted('drivers.devices()'),
  catalog: () => unscripted('drivers.catalog()'),
  packageDrivers: (id) => unscripted(`drivers.packageDrivers(${id})`),
};

const THROWING_VOLUMES: Ports['volumes'] = {
  readFile: (l, p) => unscripted(`volumes.readFile(${l}, ${p})`),
  writeFile: (l, p) => unscripted(`volumes.writeFile(${l}, ${p})`),
  exists: (l, p) => unscripted(`volumes.exists(${l}, ${p})`),
  list: (l) => unscripted(`volumes.list(${l})`),
  wipe: (l) => unscripted(`volumes.wipe(${l})`),
  freeBytes: (l) => unscripted(`volumes.freeBytes(${l})`),
};

const THROWING_WINDOWS: Ports['windows'] = {
  describe: (d) => unscripted(`windows.describe(${d})`),
  running: () => unscripted('windows.running()'),
  stageClient: (r) => unscripted(`windows.stageClient(${r.drive})`),
  installResumeHook: (d) => unscripted(`windows.installResumeHook(${d})`),
  generalize: async () => unscripted('windows.generalize()'),
  prepareClientForCapture: async () => unscripted('windows.prepareClientForCapture()'),
  adapters: () => unscripted('windows.adapters()'),
  join: async (r) => unscripted(`windows.join(${r.kind} ${r.name})`),
};

const THROWING_USER_STATE: Ports['userState'] = {
  capture: async (r) => unscripted(`userState.capture(${r.storePath})`),
  restore: async (r) => unscripted(`userState.restore(${r.storePath})`),
  requestStore: async (r) => unscripted(`userState.requestStore(${r.kind})`),
  releaseStore: async (id) => unscripted(`userState.releaseStore(${id})`),
};

function matches(c: ScriptedCommand, request: CommandRequest): boolean {
  if (typeof c.match === 'string') return request.commandLine === c.match;
  if (c.match instanceof RegExp) return c.match.test(request.commandLine);
  return c.match(request);
}

function createCommands(options: FakePortsOptions, requests: CommandRequest[]): Ports['commands'] {
  return {
    run: async (request) => {
      requests.push(request);
      const found = (options.commands ?? []).find((c) => matches(c, request));
      return found ? found.result : unscripted(`commands.run(${request.commandLine})`);
    },
  };
}

/** Package folders from `packages` (ids in any letter case); listing and reading throw; `stage` answers downloads. */
function createContent(options: FakePortsOptions, staged: ContentStageRequest[]): Ports['content'] {
  const packages = options.packages ?? {};
  return {
    resolve: (id) => packages[id] ?? Object.entries(packages).find(([k]) => k.toLowerCase() === id.toLowerCase())?.[1],
    available: () => Object.keys(packages),
    files: (id) => unscripted(`content.files(${id})`),
    readText: (id, path) => unscripted(`content.readText(${id}, ${path})`),
    stage: async (request) => {
      staged.push(request);
      return options.stage ? options.stage(request) : unscripted(`content.stage(${request.packageId}, ${request.destination})`);
    },
  };
}

function createDisks(options: FakePortsOptions, applied: PartitionLayout[]): Ports['disks'] {
  return {
    list: () => (options.disks ? structuredClone(options.disks) : unscripted('disks.list()')),
    apply: async (layout) => {
      if (!options.applyLayout) return unscripted(`disks.apply(disk ${layout.diskIndex})`);
      applied.push(layout);
      return options.applyLayout(layout);
    },
  };
}

/** Builds the ports one step test runs against. */
export function createFakePorts(options: FakePortsOptions = {}): FakePorts {
  const requests: CommandRequest[] = [];
  const applied: PartitionLayout[] = [];
  const staged: ContentStageRequest[] = [];
  const ports: Ports = {
    probe: THROWING_PROBE,
    system: { facts: () => unscripted('system.facts()'), environment: () => unscripted('system.environment()') },
    commands: createCommands(options, requests),
    content: options.content ?? createContent(options, staged),
    clock: { now: () => unscripted('clock.now()'), timeout: (ms) => unscripted(`clock.timeout(${ms})`) },
    disks: createDisks(options, applied),
    imaging: options.imaging ?? THROWING_IMAGING,
    volumes: options.volumes ?? THROWING_VOLUMES,
    windows: options.windows ?? THROWING_WINDOWS,
    userState: options.userState ?? THROWING_USER_STATE,
    drivers: options.drivers ?? THROWING_DRIVERS,
  };
  return { ports, requests, applied, staged };
}
