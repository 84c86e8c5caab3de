/**
 * Which model sections of an INF apply to the target Windows: the architecture must fit, the decoration's minimum
 * version and build must not exceed the target's, and of the sections of one manufacturer that fit, only the most
 * specific is used (as Windows picks one models section per manufacturer).
 */
import type { DriverInf, InfModel, InfPlatform } from '../../../engine/step-api.ts';

/** The offline Windows drivers are chosen for. */
export interface TargetOs {
  /** `x64`, `x86`, `arm64`. */
  architecture: string;
  /** Dotted `10.0.22631`. */
  version: string;
}

function numbers(v: string): number[] {
  return v.split('.').map((x) => Number(x) || 0);
}

function compareDotted(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Why a platform decoration does not fit the target, or undefined when it fits. */
export function platformMismatch(platform: InfPlatform, target: TargetOs): string | undefined {
  const label = platform.decoration === '' ? 'undecorated (x86)' : platform.decoration;
  if (platform.architecture !== 'any' && platform.architecture !== target.architecture.toLowerCase()) {
    return `models section ${label} is for ${platform.architecture}, the target is ${target.architecture}`;
  }
  const [major = 0, minor = 0, build = 0] = numbers(target.version);
  if (platform.minVersion && compareDotted(numbers(platform.minVersion), [major, minor]) > 0) {
    return `models section ${label} needs Windows ${platform.minVersion} or later, the target is ${target.version}`;
  }
  if (platform.minBuild !== undefined && platform.minBuild > build) {
    return `models section ${label} needs build ${platform.minBuild} or later, the target is ${target.version}`;
  }
  return undefined;
}

/** Higher = more specific: an architecture named, then the highest minimum version, then the highest build. */
function specificity(p: InfPlatform): number[] {
  return [p.architecture === 'any' ? 0 : 1, ...numbers(p.minVersion ?? '0.0'), p.minBuild ?? 0];
}

/** Remembers each decoration's verdict for one target: catalogs repeat a handful of decorations thousands of times. */
export class PlatformVerdicts {
  private readonly mismatches = new Map<string, string | undefined>();
  private readonly superseded = new Map<string, string>();
  constructor(readonly target: TargetOs) {}

  mismatch(p: InfPlatform): string | undefined {
    const key = `${p.decoration}|${p.architecture}`;
    if (!this.mismatches.has(key)) this.mismatches.set(key, platformMismatch(p, this.target));
    return this.mismatches.get(key);
  }

  supersededBy(p: InfPlatform, chosen: InfPlatform): string {
    const key = `${p.decoration}|${chosen.decoration}`;
    let reason = this.superseded.get(key);
    if (reason === undefined) {
      reason = `models section ${p.decoration || 'undecorated'} is superseded by ${chosen.decoration}`;
      this.superseded.set(key, reason);
    }
    return reason;
  }
}

/** The models of an INF split into those Windows would consider for the target and those it would not (with why). */
export function applicableModels(inf: DriverInf, target: TargetOs | PlatformVerdicts): { usable: InfModel[]; excluded: Array<{ model: InfModel; reason: string }> } {
  const verdicts = target instanceof PlatformVerdicts ? target : new PlatformVerdicts(target);
  const best = new Map<string, InfPlatform>();
  for (const m of inf.models) {
    if (verdicts.mismatch(m.platform)) continue;
    const key = m.manufacturer.toLowerCase();
    const current = best.get(key);
    if (!current || (current.decoration !== m.platform.decoration && compareDotted(specificity(m.platform), specificity(current)) > 0)) best.set(key, m.platform);
  }
  const usable: InfModel[] = [];
  const excluded: Array<{ model: InfModel; reason: string }> = [];
  for (const m of inf.models) {
    const mismatch = verdicts.mismatch(m.platform);
    const chosen = mismatch ? undefined : best.get(m.manufacturer.toLowerCase())!;
    if (mismatch) excluded.push({ model: m, reason: mismatch });
    else if (chosen!.decoration.toLowerCase() !== m.platform.decoration.toLowerCase()) excluded.push({ model: m, reason: verdicts.supersededBy(m.platform, chosen!) });
    else usable.push(m);
  }
  return { usable, excluded };
}

export { compareDotted, numbers as dottedNumbers };
