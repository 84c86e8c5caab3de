/** What `taskseq doctor` found: the Node version and, for each backend (and the tests), its tools. */
import { checkTools, missingPackages, type ToolCheck, type ToolEnvironment } from './check-tools.ts';
import { BACKENDS, MIN_NODE_MAJOR, toolsFor, type ToolUse } from './required-tools.ts';

export interface DoctorSection {
  use: ToolUse;
  title: string;
  /** The backend's own status (available, renderers only, ...). */
  status: string;
  /** False when the tools run on another platform: listed, not looked for. */
  checked: boolean;
  tools: ToolCheck[];
  /** Checked and every tool found. */
  ready: boolean;
}

export interface DoctorReport {
  node: { version: string; required: string; ok: boolean };
  platform: string;
  sections: DoctorSection[];
}

const TESTS = { use: 'tests' as const, title: 'test suite', status: 'npm test', platform: 'linux' as const };

/** Checks the tools of `uses` on the machine `env` describes. */
export function buildDoctorReport(uses: readonly ToolUse[], env: ToolEnvironment, nodeVersion: string): DoctorReport {
  const major = Number(/^v?(\d+)/.exec(nodeVersion)?.[1] ?? 0);
  const infos = [...BACKENDS, TESTS].filter((b) => uses.includes(b.use));
  const sections = infos.map((info): DoctorSection => {
    const checked = info.platform === undefined || info.platform === env.platform;
    // Tools of another platform are listed from the table; the simulated machine's tools are this host's.
    const platform = info.platform ?? env.platform;
    const listed = toolsFor(info.use, platform);
    const tools = checked ? checkTools(listed, env) : listed.map((tool) => ({ tool }));
    return { use: info.use, title: info.title, status: info.status, checked, tools, ready: checked && tools.every((t) => t.path) };
  });
  return { node: { version: nodeVersion, required: `>=${MIN_NODE_MAJOR}`, ok: major >= MIN_NODE_MAJOR }, platform: env.platform, sections };
}

/** True when Node fits and every section that could be checked here has all its tools. */
export function isReady(report: DoctorReport): boolean {
  return report.node.ok && report.sections.every((s) => !s.checked || s.ready);
}

/** The Debian packages that the checked sections miss. */
export function reportMissingPackages(report: DoctorReport): string[] {
  return missingPackages(report.sections.filter((s) => s.checked).flatMap((s) => s.tools));
}

/** The report as text lines, one per tool. */
export function renderDoctorReport(report: DoctorReport): string[] {
  const lines = [`Node.js ${report.node.version} (taskseq needs ${MIN_NODE_MAJOR} or later): ${report.node.ok ? 'ok' : 'TOO OLD'}`];
  for (const s of report.sections) {
    const missing = s.tools.filter((t) => !t.path).length;
    const verdict = !s.checked ? `runs on ${s.tools[0]?.tool.platform === 'win32' ? 'Windows' : 'Linux'} only, not checked on ${report.platform}`
      : missing === 0 ? 'ready' : `${missing} of ${s.tools.length} tool${s.tools.length === 1 ? '' : 's'} missing`;
    lines.push(`${s.title} (${s.status}): ${verdict}`);
    const width = Math.max(...s.tools.map((t) => t.tool.command.length));
    for (const t of s.tools) {
      const state = !s.checked ? '-      ' : t.path ? 'found  ' : 'MISSING';
      const detail = t.path ? (t.version ?? t.path) : '';
      lines.push(`  ${t.tool.command.padEnd(width)}  ${state}  ${t.tool.purpose} [${t.tool.packageName}]${detail ? `: ${detail}` : ''}`);
    }
  }
  return lines;
}
