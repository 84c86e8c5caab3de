/**
 * `taskseq doctor [--for simulated|linux|winpe|tests]... [--install] [--quiet] [--json]`: the Node version and the
 * external tools each backend needs, found or missing. `--install` installs missing Debian packages when root (or
 * with sudo that needs no password); the test suite and the demo call it before they start.
 */
import { InvalidInputError } from '../../engine/index.ts';
import { localToolEnvironment } from '../doctor/check-tools.ts';
import { buildDoctorReport, isReady, renderDoctorReport, reportMissingPackages, type DoctorReport } from '../doctor/doctor-report.ts';
import { localInstallHost, planInstall, runInstall } from '../doctor/install-packages.ts';
import { TOOL_USES, type ToolUse } from '../doctor/required-tools.ts';
import type { CliIO } from './io.ts';
import { EXIT_OK, EXIT_SEQUENCE_FAILED } from './exit-codes.ts';

export interface DoctorOptions {
  uses: ToolUse[];
  install: boolean;
  quiet: boolean;
  json: boolean;
}

/** `taskseq doctor` options as the command line gives them. */
export interface DoctorCliOptions {
  for?: string[]; install?: boolean; quiet?: boolean; json?: boolean;
}

/** Checks (and with `--install` installs) the tools of the selected uses; 0 when all are there, 1 otherwise. */
export async function doctorCommand(values: DoctorCliOptions, io: CliIO): Promise<number> {
  return runDoctor({
    uses: parseUses(values.for),
    install: values.install === true, quiet: values.quiet === true, json: values.json === true,
  }, io);
}

/** `--for` values, comma-separated or repeated; none = every backend. @throws InvalidInputError for another value */
export function parseUses(values: readonly string[] | undefined): ToolUse[] {
  const names = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean);
  if (names.length === 0) return TOOL_USES.filter((u) => u !== 'tests');
  const bad = names.find((n) => !(TOOL_USES as readonly string[]).includes(n));
  if (bad) throw new InvalidInputError(`--for must be one of ${TOOL_USES.join(', ')} (got "${bad}")`, [{ severity: 'error', code: 'bad-option', field: '--for', message: `expected one of ${TOOL_USES.join(', ')}` }]);
  return [...new Set(names as ToolUse[])];
}

/**
 * Checks, installs what is missing when asked and allowed, and reports.
 * @returns 0 when every tool the selected uses need on this platform is there, 1 otherwise
 */
export async function runDoctor(options: DoctorOptions, io: CliIO): Promise<number> {
  const check = () => buildDoctorReport(options.uses, localToolEnvironment(), process.version);
  let report = check();
  let installError: string | undefined;
  const missing = reportMissingPackages(report);
  if (options.install && missing.length > 0) {
    const plan = planInstall(missing, localInstallHost());
    const what = `missing system tools for ${options.uses.join(', ')}: ${missingTools(report)}`;
    if (plan.kind === 'refused') installError = `${what}; ${plan.message}`;
    else {
      io.err(`taskseq doctor: ${what}; installing with ${plan.display}`);
      installError = runInstall(plan);
      report = check();
      if (!installError && reportMissingPackages(report).length > 0) installError = `still missing after the install: ${missingTools(report)}`;
    }
  }
  const ready = isReady(report);
  if (options.json) io.out(JSON.stringify({ ready, ...toJson(report), ...(installError ? { installError } : {}) }));
  else if (!options.quiet) io.out(renderDoctorReport(report).join('\n'));
  if (installError) io.err(`taskseq doctor: ${installError}`);
  else if (!ready && options.quiet) io.err(`taskseq doctor: missing system tools: ${missingTools(report)} (run \`taskseq doctor --install\` as root)`);
  return ready ? EXIT_OK : EXIT_SEQUENCE_FAILED;
}

function missingTools(report: DoctorReport): string {
  const tools = report.sections.filter((s) => s.checked).flatMap((s) => s.tools).filter((t) => !t.path);
  return [...new Set(tools.map((t) => `${t.tool.command} (${t.tool.packageName})`))].join(', ');
}

function toJson(report: DoctorReport) {
  return {
    node: report.node, platform: report.platform,
    backends: report.sections.map((s) => ({
      use: s.use, title: s.title, status: s.status, checked: s.checked, ready: s.ready,
      tools: s.tools.map((t) => ({ command: t.tool.command, package: t.tool.packageName, purpose: t.tool.purpose, found: t.path !== undefined, path: t.path ?? null, version: t.version ?? null })),
    })),
  };
}
