/**
 * Installs missing Debian packages when this machine lets us (root, or sudo without a password prompt), and
 * otherwise says in one message what to install. Never prompts: it runs unattended, in CI and in `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What the machine allows: injectable so tests decide. */
export interface InstallHost {
  isRoot: boolean;
  hasAptGet: boolean;
  /** True when `sudo -n true` succeeds (sudo without a password prompt). */
  canSudo(): boolean;
}

export type InstallPlan =
  | { kind: 'run'; commands: string[][]; display: string }
  | { kind: 'refused'; message: string };

const APT_ENV = ['env', 'DEBIAN_FRONTEND=noninteractive'];

/**
 * The commands that install `packages`, or why they cannot run here (the message names the packages and the
 * command a user runs).
 */
export function planInstall(packages: readonly string[], host: InstallHost): InstallPlan {
  const list = packages.join(' ');
  if (!host.hasAptGet) {
    return { kind: 'refused', message: `this machine has no apt-get: install the Debian packages ${list} (or your distribution's equivalents) and run again` };
  }
  const prefix = host.isRoot ? [] : host.canSudo() ? ['sudo', '-n'] : undefined;
  if (!prefix) {
    return { kind: 'refused', message: `not root and sudo needs a password: install them with \`sudo apt-get install -y ${list}\` and run again` };
  }
  const commands = [
    [...prefix, ...APT_ENV, 'apt-get', 'update', '-qq'],
    [...prefix, ...APT_ENV, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages],
  ];
  return { kind: 'run', commands, display: `${prefix.length ? 'sudo ' : ''}apt-get install -y --no-install-recommends ${list}` };
}

/** This machine. */
export function localInstallHost(): InstallHost {
  return {
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasAptGet: process.platform === 'linux' && ['/usr/bin/apt-get', '/bin/apt-get'].some((p) => existsSync(p)),
    canSudo: () => spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 5000 }).status === 0,
  };
}

/**
 * Runs the plan's commands in order, their output on stderr (so that `--json` output stays clean).
 * @returns undefined on success, else the failing command and its exit status
 */
export function runInstall(plan: Extract<InstallPlan, { kind: 'run' }>): string | undefined {
  for (const argv of plan.commands) {
    const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', process.stderr, process.stderr] });
    if (r.error || r.status !== 0) return `\`${argv.join(' ')}\` failed (${r.error?.message ?? `exit ${r.status}`})`;
  }
  return undefined;
}
