/**
 * A StepContext for step tests: a real VariableStore, scripted fake ports that throw on anything unscripted, and
 * recorders for log lines, command requests and reboot requests.
 */
import { evaluateCondition } from '../../engine/index.ts';
import type {
  CommandRequest,
  CommandResult,
  Condition,
  AppliedLayout,
  DiskFacts,
  PartitionLayout,
  ConditionResult,
  ContentStageRequest,
  EnvironmentFacts,
  MachineProbe,
  Ports,
  StepContext,
  StagedPackage,
  StepNode,
  SystemFacts,
  VariableEntry,
} from '../../engine/index.ts';
import { VariableError, VariableStore, type Expansion } from '../../variables/index.ts';

/** One scripted command: the first whose `match` fits the request's command line answers it. */
export interface ScriptedCommand {
  match: string | RegExp | ((request: CommandRequest) => boolean);
  result: CommandResult;
}

export interface FakeContextOptions {
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
  /** The step node; `defaultVarList` becomes the local defaults. */
  node?: Partial<StepNode>;
  timeoutSeconds?: number;
  /** Global variables set before the step (as the sequence or the user set them). */
  globals?: Record<string, string>;
  secretGlobals?: Record<string, string>;
  commands?: ScriptedCommand[];
  /** Package id -> local folder. */
  packages?: Record<string, string>;
  /**
   * Answers `content.stage()` (Download Package Content); without it `stage()` throws (unscripted). A throwing or
   * rejecting function simulates a failed download.
   */
  stage?: (request: ContentStageRequest) => StagedPackage | Promise<StagedPackage>;
  facts?: Partial<SystemFacts>;
  environment?: Partial<EnvironmentFacts>;
  /** Disks `disks.list()` returns; without it `list()` throws (unscripted). */
  disks?: DiskFacts[];
  /** Answers `disks.apply()`; without it `apply()` throws (unscripted). A throwing function simulates a refusal. */
  applyLayout?: (layout: PartitionLayout) => AppliedLayout;
  /** Replaces the real condition evaluator (default: the engine's evaluator over the store, with a throwing probe). */
  evaluateCondition?: (condition: Condition) => ConditionResult;
}

export interface LoggedLine {
  severity: 'info' | 'warning' | 'error';
  message: string;
}

export interface FakeContext {
  ctx: StepContext;
  store: VariableStore;
  /** Lines exactly as the step wrote them (not redacted, so tests see what the step itself let through). */
  logs: LoggedLine[];
  requests: CommandRequest[];
  reboots: Array<{ target: 'HD' | 'WinPE'; retry?: boolean }>;
  /** How many times the step asked to shut the computer down. */
  shutdowns: number;
  /** Layouts passed to `disks.apply()`, in order. */
  applied: PartitionLayout[];
  /** Requests passed to `content.stage()`, in order. */
  staged: ContentStageRequest[];
  /** Every log line joined, for "does not contain" checks. */
  logText(): string;
}

export const FAKE_FACTS: SystemFacts = {
  make: 'Contoso Ltd.',
  model: 'Surface Lab 9000',
  serialNumber: 'SN-0042',
  uuid: '4C4C4544-0042-3010-8052-B4C04F4B4D32',
  assetTag: 'AT-7',
  memoryMB: 16384,
  cpu: { name: 'Lab CPU', speedMHz: 2400, cores: 8 },
  architecture: 'x64',
  macAddresses: ['00:15:5D:01:02:03', '00:15:5D:0A:0B:0C'],
  ipAddresses: ['10.1.2.3', 'fe80::1'],
  defaultGateways: ['10.1.2.1'],
};

export const FAKE_ENVIRONMENT: EnvironmentFacts = {
  inWinPE: false,
  mediaType: 'FullMedia',
  launchMode: 'UFD',
  firmware: 'UEFI',
  secureBoot: 'Enabled',
  timeZone: { bias: 0, standardBias: 0, daylightBias: -60, standardName: 'UTC', daylightName: 'UTC', standardDate: [], daylightDate: [] },
  dataPath: 'C:\\_SMSTaskSequence',
  logPath: 'C:\\_SMSTaskSequence\\Logs',
  machineName: 'LAB-01',
};

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

function matches(c: ScriptedCommand, request: CommandRequest): boolean {
  if (typeof c.match === 'string') return request.commandLine === c.match;
  if (c.match instanceof RegExp) return c.match.test(request.commandLine);
  return c.match(request);
}

function createDisks(options: FakeContextOptions, applied: PartitionLayout[]): Ports['disks'] {
  return {
    list: () => (options.disks ? structuredClone(options.disks) : unscripted('disks.list()')),
    apply: (layout) => {
      if (!options.applyLayout) return unscripted(`disks.apply(disk ${layout.diskIndex})`);
      applied.push(layout);
      return options.applyLayout(layout);
    },
  };
}

/** Imaging is not scripted in step tests unless given: every call throws. */
const THROWING_IMAGING: Ports['imaging'] = {
  inspect: (p) => unscripted(`imaging.inspect(${p})`),
  apply: async (r) => unscripted(`imaging.apply(${r.path}, ${r.index})`),
  capture: async (r) => unscripted(`imaging.capture(${r.source})`),
  writeBootFiles: (r) => unscripted(`imaging.writeBootFiles(${r.windowsPath})`),
  addDrivers: async (r) => unscripted(`imaging.addDrivers(${r.target})`),
};

/** Drivers are not scripted here: every call throws (driver steps bring their own fake). */
const THROWING_DRIVERS: Ports['drivers'] = {
  devices: () => unscripted('drivers.devices()'),
  catalog: () => unscripted('drivers.catalog()'),
  packageDrivers: (id) => unscripted(`drivers.packageDrivers(${id})`),
};

/** Volumes are not scripted here: every call throws (steps that need them bring their own fake). */
const THROWING_VOLUMES: Ports['volumes'] = {
  readFile: (l, p) => unscripted(`volumes.readFile(${l}, ${p})`),
  writeFile: (l, p) => unscripted(`volumes.writeFile(${l}, ${p})`),
  exists: (l, p) => unscripted(`volumes.exists(${l}, ${p})`),
  list: (l) => unscripted(`volumes.list(${l})`),
  wipe: (l) => unscripted(`volumes.wipe(${l})`),
  freeBytes: (l) => unscripted(`volumes.freeBytes(${l})`),
};

/** Windows installations are not scripted here: every call throws (steps that need them bring their own fake). */
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

function createPorts(options: FakeContextOptions, requests: CommandRequest[], applied: PartitionLayout[], staged: ContentStageRequest[]): Ports {
  const packages = options.packages ?? {};
  return {
    probe: THROWING_PROBE,
    system: { facts: () => unscripted('system.facts()'), environment: () => unscripted('system.environment()') },
    commands: {
      run: async (request) => {
        requests.push(request);
        const found = (options.commands ?? []).find((c) => matches(c, request));
        return found ? found.result : unscripted(`commands.run(${request.commandLine})`);
      },
    },
    content: options.content ?? {
      resolve: (id) => packages[id] ?? Object.entries(packages).find(([k]) => k.toLowerCase() === id.toLowerCase())?.[1],
      available: () => Object.keys(packages),
      files: (id) => unscripted(`content.files(${id})`),
      readText: (id, path) => unscripted(`content.readText(${id}, ${path})`),
      stage: async (request) => {
        staged.push(request);
        return options.stage ? options.stage(request) : unscripted(`content.stage(${request.packageId}, ${request.destination})`);
      },
    },
    clock: { now: () => unscripted('clock.now()'), timeout: (ms) => unscripted(`clock.timeout(${ms})`) },
    disks: createDisks(options, applied),
    imaging: options.imaging ?? THROWING_IMAGING,
    volumes: options.volumes ?? THROWING_VOLUMES,
    windows: options.windows ?? THROWING_WINDOWS,
    userState: options.userState ?? THROWING_USER_STATE,
    drivers: options.drivers ?? THROWING_DRIVERS,
  };
}

function createStore(options: FakeContextOptions): VariableStore {
  const store = new VariableStore();
  for (const [n, v] of Object.entries(options.globals ?? {})) store.set(n, v, { writer: 'engine' });
  for (const [n, v] of Object.entries(options.secretGlobals ?? {})) store.set(n, v, { writer: 'engine', secret: true });
  store.setLocals((options.node?.defaultVarList ?? []).map((e) => ({ name: e.name, value: e.value })));
  return store;
}

/** The variable carrying `property` in the defaults (else a variable named like the property, as the engine does). */
function optionVariable(defaults: readonly VariableEntry[], property: string): string {
  const p = property.toLowerCase();
  return defaults.find((d) => (d.property ?? '').toLowerCase() === p)?.name ?? property;
}

/** Builds a context for one step run. */
export function createFakeContext(options: FakeContextOptions = {}): FakeContext {
  const store = createStore(options);
  const logs: LoggedLine[] = [];
  const requests: CommandRequest[] = [];
  const reboots: FakeContext['reboots'] = [];
  const applied: PartitionLayout[] = [];
  const staged: ContentStageRequest[] = [];
  const node: StepNode = { kind: 'step', name: 'Test step', ...options.node };
  const defaults = node.defaultVarList ?? [];
  const optionExpansion = (property: string): Expansion | undefined => {
    const name = optionVariable(defaults, property);
    const raw = store.get(name);
    if (raw === undefined || raw === '') return undefined;
    const expanded = store.expand(raw);
    return store.isSecret(name) ? { ...expanded, secret: true } : expanded;
  };
  const evaluate =
    options.evaluateCondition ??
    ((c: Condition) =>
      evaluateCondition(c, { get: (n) => store.get(n), expand: (t) => store.expand(t).text, probe: THROWING_PROBE }));
  const ctx: StepContext = {
    step: {
      index: 0,
      path: node.name,
      name: node.name,
      type: node.type ?? '(command line)',
      action: node.action,
      startIn: node.startIn,
      timeoutSeconds: options.timeoutSeconds ?? node.timeout,
      successCodes: [0],
      node,
    },
    option: (property) => optionExpansion(property)?.text,
    optionExpansion,
    vars: {
      get: (n) => store.get(n),
      has: (n) => store.has(n),
      isSecret: (n) => store.isSecret(n),
      set: (n, v, o) => store.set(n, v, { writer: 'step', secret: o?.secret }),
      expand: (t) => store.expand(t),
      setBuiltIn: (n, v) => {
        if (!n.startsWith('_')) throw new VariableError('invalid-variable', n, `setBuiltIn is for "_" names, not ${n}`);
        store.set(n, v, { writer: 'engine' });
      },
    },
    facts: { ...FAKE_FACTS, ...options.facts },
    environment: { ...FAKE_ENVIRONMENT, ...options.environment },
    ports: createPorts(options, requests, applied, staged),
    log: {
      info: (message) => logs.push({ severity: 'info', message }),
      warn: (message) => logs.push({ severity: 'warning', message }),
      error: (message) => logs.push({ severity: 'error', message }),
    },
    signal: new AbortController().signal,
    evaluateCondition: evaluate,
    requestReboot: (request) => {
      reboots.push(request);
    },
    requestShutdown: () => {
      result.shutdowns += 1;
    },
  };
  const result: FakeContext = { ctx, store, logs, requests, reboots, shutdowns: 0, applied, staged, logText: () => logs.map((l) => l.message).join('\n') };
  return result;
}

/** A `defaultVarList` from `property -> [variable, value]` pairs (variable defaults to the property name). */
export function defaults(entries: Record<string, string | [variable: string, value: string]>): VariableEntry[] {
  return Object.entries(entries).map(([property, v]) =>
    Array.isArray(v) ? { name: v[0], property, value: v[1] } : { name: property, property, value: v },
  );
}
