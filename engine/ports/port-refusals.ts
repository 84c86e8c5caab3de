/**
 * Which refusal of which port operation gives which step exit code: the one home of that rule. A run's ports are
 * wrapped with {@link refusingPorts} where the run composes them, so whatever backend serves an operation, its
 * refusals reach the engine as {@link PortRefusal}s with the same exit codes. The table in `docs/engine-semantics.md`
 * ("Port refusals") mirrors this file.
 */
import { TaskseqError } from '../problems.ts';
import { EXIT_CONTENT_NOT_FOUND, EXIT_DISK_FULL, EXIT_FAILED, EXIT_NOT_SUPPORTED } from '../step-exit-codes.ts';
import { PortRefusal } from './port-refusal.ts';
import type { Ports } from './index.ts';

/** The exit code a port's error means, or undefined to let it through as it is (the engine reports it as E_FAIL). */
export type RefusalRule = (error: TaskseqError) => number | undefined;

/** A request the machine cannot serve is ERROR_NOT_SUPPORTED. */
const notSupported: RefusalRule = (e) => (e.code === 'unsupported' ? EXIT_NOT_SUPPORTED : undefined);

/** The state migration point either gives (or takes back) a store or does not: every refusal is ERROR_NOT_SUPPORTED. */
const storeRefused: RefusalRule = () => EXIT_NOT_SUPPORTED;

/**
 * A capture refused for want of room is ERROR_DISK_FULL. Backends say so only in their message (the simulated one
 * names the free space, DISM gives 0x80070070), so the message decides.
 */
const DISK_FULL = /\bfull\b|\bfree\b|not enough (disk )?space|no room|insufficient (disk )?space|0x80070070/i;
const diskFull: RefusalRule = (e) => (DISK_FULL.test(e.message) ? EXIT_DISK_FULL : undefined);

/**
 * A package no source could give is ERROR_FILE_NOT_FOUND; a destination the machine cannot hold it in is E_FAIL, a
 * refusal all the same, so a step that may go on past a package (Download Package Content) can tell it from a defect.
 */
const stageRefused: RefusalRule = (e) =>
  e.code === 'content-unavailable' ? EXIT_CONTENT_NOT_FOUND : e.code === 'unsupported' ? EXIT_FAILED : undefined;

/** The operations whose refusals mean something to a step; every other operation's errors pass through unchanged. */
export const PORT_REFUSALS: { readonly [P in keyof Ports]?: Readonly<Partial<Record<keyof Ports[P], RefusalRule>>> } = {
  disks: { apply: notSupported },
  imaging: { inspect: notSupported, apply: notSupported, writeBootFiles: notSupported, addDrivers: notSupported, capture: diskFull },
  volumes: { wipe: notSupported, writeFile: notSupported },
  windows: { generalize: notSupported, join: notSupported },
  userState: { requestStore: storeRefused, releaseStore: storeRefused },
  content: { stage: stageRefused },
};

/** Rethrows `error` as the refusal `rule` makes of it; refusals already made and errors not ours pass unchanged. */
function refuse(error: unknown, rule: RefusalRule): never {
  if (!(error instanceof TaskseqError) || error instanceof PortRefusal) throw error;
  const exitCode = rule(error);
  if (exitCode === undefined) throw error;
  throw new PortRefusal(error.code, error.message, exitCode, { cause: error, problems: error.problems });
}

/** `operation` (sync or async, called on `self`) with its errors turned into refusals by `rule`. */
function refusing(operation: (...args: unknown[]) => unknown, self: object, rule: RefusalRule): (...args: unknown[]) => unknown {
  return (...args) => {
    let result: unknown;
    try {
      result = operation.apply(self, args);
    } catch (e) {
      refuse(e, rule);
    }
    return result instanceof Promise ? result.catch((e: unknown) => refuse(e, rule)) : result;
  };
}

/** One port with the operations `rules` names refusing; a proxy, so a port object keeps its own `this` and state. */
function refusingPort<T extends object>(port: T, rules: Readonly<Record<string, RefusalRule | undefined>>): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      const rule = typeof property === 'string' && Object.hasOwn(rules, property) ? rules[property] : undefined;
      return rule && typeof value === 'function' ? refusing(value as (...args: unknown[]) => unknown, target, rule) : value;
    },
  });
}

/** `ports` whose operations in {@link PORT_REFUSALS} throw {@link PortRefusal}; everything else is the port's own. */
export function refusingPorts(ports: Ports): Ports {
  const out = { ...ports };
  for (const name of Object.keys(PORT_REFUSALS) as Array<keyof Ports>) {
    const rules = PORT_REFUSALS[name] as Readonly<Record<string, RefusalRule | undefined>>;
    (out as Record<keyof Ports, object>)[name] = refusingPort(ports[name], rules);
  }
  return out;
}
