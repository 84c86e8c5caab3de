/**
 * Options of Capture Operating System Image as typed values (pure). Used by `validate()` on the raw definition and by
 * `run()` on the expanded values. The account password is only ever checked for presence: it is never returned.
 */
import { sameShare, type StepProblem } from '../../engine/step-api.ts';
import type { OptionReader } from '../shared/option-collector.ts';
import { captureSystemImageManifest } from './manifest.ts';

/** Longest destination, creator and description the SDK accepts. */
export const MAX_TEXT_LENGTH = 255;
/** Longest image version the SDK accepts. */
export const MAX_VERSION_LENGTH = 32;

/** Option properties and the documented variables that carry them (from the manifest). */
export const CAPTURE_OPTION_VARIABLES: Readonly<Record<string, string>> = Object.fromEntries(
  captureSystemImageManifest.options.map((o) => [o.name, o.variable]),
);

/**
 * The destination `.wim`, with `\` separators: on a lettered volume (`D:\Captures\ref.wim` -> letter `D:`) or on a
 * network share (`\\lab\captures\ref.wim` -> share `\\lab\captures`).
 */
export type CaptureDestination = { letter: string; path: string } | { share: string; path: string };

export interface CaptureOptions {
  destination: CaptureDestination;
  /** Absent when the step gives none (real exports often leave it empty). */
  version?: string;
  creator?: string;
  description?: string;
  account?: string;
  hasPassword: boolean;
}

export interface ParsedCaptureOptions {
  /** Undefined when an error was found or a value is only known at run time. */
  options?: CaptureOptions;
  problems: StepProblem[];
}

const DRIVE_PATH = /^([A-Za-z]):\\(.*[^\\])$/;
const SHARE_PATH = /^\\\\([^\\]+)\\([^\\]+)\\(.*[^\\])$/;

/**
 * Judges a destination value; `field` names the option in messages. A path on a share is judged for its form only:
 * whether the run reaches the share is {@link shareProblem}'s question.
 */
export function parseCaptureDestination(value: string, field: string): CaptureDestination | StepProblem {
  const text = value.trim();
  const problem = (code: string, message: string): StepProblem => ({ severity: 'error', code, field, message });
  if (text.length > MAX_TEXT_LENGTH) return problem('too-long', `${field} is ${text.length} characters long; at most ${MAX_TEXT_LENGTH} are allowed`);
  if (!/\.wim$/i.test(text)) return problem('not-a-wim', `${field} is "${text}"; expected the path of a .wim file such as D:\\Captures\\reference.wim`);
  const slashed = text.replace(/\//g, '\\');
  if (/^\\{2}/.test(slashed)) {
    const unc = SHARE_PATH.exec(slashed.replace(/(?!^)\\+/g, '\\'));
    if (!unc) return problem('invalid-destination', `${field} is "${text}"; expected a file on a network share such as \\\\server\\share\\reference.wim`);
    return { share: `\\\\${unc[1]}\\${unc[2]}`, path: `\\\\${unc[1]}\\${unc[2]}\\${unc[3]}` };
  }
  const m = DRIVE_PATH.exec(slashed);
  if (!m) return problem('invalid-destination', `${field} is "${text}"; expected a full path on a drive such as D:\\Captures\\reference.wim`);
  return { letter: `${m[1].toUpperCase()}:`, path: `${m[1].toUpperCase()}:\\${m[2].replace(/\\+/g, '\\')}` };
}

/**
 * Whether the run reaches a destination on a share. `connected`: the shares the run connected, or undefined where
 * they are not known (`validate`): then a share destination is a warning, for the run decides. Undefined when the
 * share is connected or the destination is on a volume.
 */
export function shareProblem(destination: CaptureDestination, connected: readonly string[] | undefined, field: string): StepProblem | undefined {
  if (!('share' in destination)) return undefined;
  const { share, path } = destination;
  const how = `connect it with --share '${share}=DIR' (DIR: the folder the share is mounted at)`;
  if (connected === undefined) {
    return { severity: 'warning', code: 'network-destination', field, message: `${field} is the network path ${path}; a run reaches it only when its share is connected: ${how}` };
  }
  if (connected.some((c) => sameShare(c, share))) return undefined;
  const which = connected.length ? `connected: ${connected.join(', ')}` : 'no share is connected';
  return { severity: 'error', code: 'network-destination', field, message: `${field} is the network path ${path}, but this run has not connected the share ${share} (${which}); ${how}` };
}

function limited(read: OptionReader, property: string, max: number, problems: StepProblem[], skip: (v: string) => boolean): string | undefined {
  const v = read(property)?.trim();
  if (!v || skip(v)) return undefined;
  if (v.length > max) problems.push({ severity: 'error', code: 'too-long', field: property, message: `${property} is ${v.length} characters long; at most ${max} are allowed` });
  return v;
}

/**
 * Parses the options. `skip` says which values cannot be judged yet (static checks pass `isDeferred`); such a value
 * leaves `options` undefined without an error. `connected`: the network shares the run reaches, undefined when not
 * known (see {@link shareProblem}). Errors: destination missing, on a share that is not connected, not a `.wim`, not
 * a full drive or share path or too long; version too long; creator or description too long. Warnings: no version,
 * an account without a password, a share destination when the shares are not known.
 */
export function parseCaptureOptions(read: OptionReader, skip: (value: string) => boolean = () => false, connected?: readonly string[]): ParsedCaptureOptions {
  const problems: StepProblem[] = [];
  let deferred = false;
  const raw = (p: string) => {
    const v = read(p)?.trim();
    if (v && skip(v)) deferred = true;
    return v || undefined;
  };
  const destinationText = raw('CaptureDestination');
  let destination: CaptureDestination | undefined;
  if (!destinationText) problems.push({ severity: 'error', code: 'missing-destination', field: 'CaptureDestination', message: 'CaptureDestination is empty; expected the path of the .wim to write, such as D:\\Captures\\reference.wim' });
  else if (!skip(destinationText)) {
    const parsed = parseCaptureDestination(destinationText, 'CaptureDestination');
    if ('severity' in parsed) problems.push(parsed);
    else {
      destination = parsed;
      const unreachable = shareProblem(parsed, connected, 'CaptureDestination');
      if (unreachable) problems.push(unreachable);
    }
  }
  const versionText = raw('ImageVersion');
  // The SDK calls the version required, but real exported build-and-capture sequences leave it empty and the console
  // accepts them: a warning, and the image is captured without one.
  if (!versionText) problems.push({ severity: 'warning', code: 'missing-version', field: 'ImageVersion', message: 'ImageVersion is empty; the image is captured without a version (at most 32 characters when given)' });
  const version = limited(read, 'ImageVersion', MAX_VERSION_LENGTH, problems, skip);
  const creator = limited(read, 'ImageCreator', MAX_TEXT_LENGTH, problems, skip);
  const description = limited(read, 'ImageDescription', MAX_TEXT_LENGTH, problems, skip);
  const account = read('CaptureAccount')?.trim() || undefined;
  const hasPassword = (read('CaptureAccountPassword') ?? '') !== '';
  if (account && !hasPassword) problems.push({ severity: 'warning', code: 'account-without-password', field: 'CaptureAccountPassword', message: 'CaptureAccount is set but CaptureAccountPassword is empty (exported sequences drop passwords); set it before the capture runs' });
  if (deferred || problems.some((p) => p.severity === 'error') || !destination) return { problems };
  const options: CaptureOptions = {
    destination, hasPassword,
    ...(version ? { version } : {}),
    ...(creator ? { creator } : {}),
    ...(description ? { description } : {}),
    ...(account ? { account } : {}),
  };
  return { options, problems };
}
