/**
 * Everything checked before anything runs: the definition's own problems, children, step handlers and options,
 * conditions, and content. A deployment must never stop halfway on a typo, so every problem is collected and the
 * run starts only when there is no error. A step certain to fail whose failure continue on error catches is not a
 * reason to stop: ConfigMgr would run into that failure and go on, and so does the engine (certain-failure.ts).
 */
import type { Problem } from '../problems.ts';
import type { CertainFailure, Program, Instruction } from '../program/index.ts';
import type { Registry } from '../registry/index.ts';
import type { ContentPort } from '../ports/content.ts';
import type { StepModule } from '../step-module.ts';
import type { MediaType } from '../ports/system-info.ts';
import { checkCondition } from '../conditions/index.ts';
import { stepView } from './step-options.ts';
import { checkManifestOptions, stepPackages } from '../options/check-options.ts';
import { standAloneMediaFindings } from './standalone-media-rules.ts';
import { machineCallFindings } from './machine-calls.ts';
import type { MachineJudge } from '../ports/machine-call.ts';
import { CONTENT_FAILURE_EXIT_CODE, judgeFinding, markCertainFailures, stepFailureFinding, type PreflightFinding } from './certain-failure.ts';

export interface PreflightRequest {
  program: Program;
  registry: Registry;
  /**
   * `validate` reports steps the engine cannot run yet as warnings; `run` refuses them, unless continue on error
   * catches their failure (then they are failed when reached, and the run goes on).
   */
  mode: 'validate' | 'run';
  allowUnknownSteps?: boolean;
  /** Given for `run`: every package the sequence needs must be there (absent: content is not checked). */
  content?: ContentPort;
  /** The content source, for messages (e.g. the --content folder). */
  contentSource?: string;
  /** The media the run starts from: `FullMedia` adds the stand-alone media rules. */
  mediaType?: MediaType;
  /** The live machine the run drives: the steps it refuses outright are found here (absent: nothing is refused). */
  machine?: MachineJudge;
  /** The network shares the run connects (`\\server\share`); absent when not known (`validate`). */
  connectedShares?: readonly string[];
}

/** What the preflight found, and the program to run. */
export interface PreflightResult {
  problems: Problem[];
  /**
   * The program with every step marked whose certain failure is caught by continue on error (the engine fails it
   * when it is reached instead of running it); the same program when there is none.
   */
  program: Program;
}

/**
 * Checks everything before a run. A finding that makes a step certain to fail is an error only when the failure
 * would end the run; when continue on error catches it, it is a warning and the step is marked in the returned
 * program (see certain-failure.ts).
 */
export function preflightProgram(req: PreflightRequest): PreflightResult {
  const findings: PreflightFinding[] = [];
  for (const instr of req.program.instructions) {
    if (instr.condition) findings.push(...conditionProblems(instr).map((problem) => ({ problem })));
    if (instr.kind === 'step' && !inactive(req.program, instr)) findings.push(...stepFindings(req, instr));
  }
  if (req.mediaType === 'FullMedia') findings.push(...standAloneMediaFindings(req.program));
  if (req.mode === 'run' && req.content) {
    const failing = new Set(findings.flatMap((f) => (f.failure && f.problem.severity === 'error' ? [f.failure.index] : [])));
    findings.push(...contentFindings(req, failing));
  }
  const judge = { program: req.program, mode: req.mode, ownContinueIgnored: (i: Instruction) => moduleOf(req, i)?.continueOnError === 'ignored' };
  const problems: Problem[] = [];
  const failures = new Map<number, CertainFailure>();
  for (const finding of findings) {
    const judged = judgeFinding(finding, judge);
    problems.push(judged.problem);
    if (judged.caught && finding.failure && !failures.has(finding.failure.index)) failures.set(finding.failure.index, judged.caught);
  }
  return { problems, program: markCertainFailures(req.program, failures) };
}

/** The problems {@link preflightProgram} finds (for `validate`, which runs nothing). */
export function preflight(req: PreflightRequest): Problem[] {
  return preflightProgram(req).problems;
}

/** The module that runs a step (an unknown type with an action runs as a command line when allowed). */
function moduleOf(req: Pick<PreflightRequest, 'registry' | 'allowUnknownSteps'>, instr: Instruction): StepModule | undefined {
  const node = instr.node.kind === 'group' ? undefined : instr.node;
  return req.registry.find(node?.type ?? '') ?? (req.allowUnknownSteps && node?.action ? req.registry.commandLine() : undefined);
}

/** Disabled, or inside a disabled container: it can never run. */
function inactive(program: Program, instr: Instruction): boolean {
  for (let i: Instruction | undefined = instr; i; i = i.parent >= 0 ? program.instructions[i.parent] : undefined) if (i.disabled) return true;
  return false;
}

function conditionProblems(instr: Instruction): Problem[] {
  return checkCondition(instr.condition!).map((c) => ({
    severity: c.severity, code: c.code, message: c.message, file: instr.file, path: instr.path,
    field: c.field, line: c.line ?? instr.condition?.loc?.line ?? instr.node.loc?.line,
  }));
}

/** The findings of one active step: its module is missing, or its options are refused. */
function stepFindings(req: PreflightRequest, instr: Instruction): PreflightFinding[] {
  const where = { file: instr.file, path: instr.path, line: instr.node.loc?.line };
  const node = instr.node.kind === 'group' ? undefined : instr.node;
  const module = moduleOf(req, instr);
  if (!module) {
    const known = req.registry.catalog.find(node?.type ?? '');
    if (!known) return []; // the definition validator already reported the unknown type
    return [stepFailureFinding({
      ...where, severity: 'error', code: 'unsupported-step-type', field: 'type',
      message: `step type ${known.type} (${known.displayName}) is recognised but this version of taskseq cannot run it yet${req.mode === 'run' ? '; disable the step or remove it to run the rest' : ''}`,
    }, instr)];
  }
  const view = { ...stepView(instr, req.program), ...(req.connectedShares ? { connectedShares: req.connectedShares } : {}) };
  const own: Problem[] = checkManifestOptions(module, view).map((p) => ({ ...p, ...where }));
  // A step's own options concern that step alone: an option its module refuses makes it fail when it runs.
  const findings = own.map((p) => (p.severity === 'error' ? stepFailureFinding(p, instr) : { problem: p }));
  return req.machine ? [...findings, ...machineCallFindings(req.machine, module, view, instr)] : findings;
}

/**
 * Every package a run needs before its first step: the `referenceList` and the packages active steps name (values
 * that reference `%VAR%` are known only at run time and are left out). The agent stages these before the first step.
 */
export function requiredPackages(req: Pick<PreflightRequest, 'program' | 'registry' | 'allowUnknownSteps'>): string[] {
  // A package only steps marked as certain failures need is never opened: those steps are failed without running.
  const used = (users: Instruction[]) => users.length === 0 || users.some((u) => !u.certainFailure);
  return [...neededPackages(req).values()].filter((p) => used(p.users)).map((p) => p.id);
}

/** Package id -> the active steps that need it (from each module's `packages`), plus the `referenceList`. */
function neededPackages(req: Pick<PreflightRequest, 'program' | 'registry' | 'allowUnknownSteps'>): Map<string, { id: string; users: Instruction[] }> {
  const needed = new Map<string, { id: string; users: Instruction[] }>();
  const add = (id: string, user?: Instruction): void => {
    const key = id.trim().toUpperCase();
    if (!key || key.includes('%')) return;
    const entry = needed.get(key) ?? { id: id.trim(), users: [] };
    if (user) entry.users.push(user);
    needed.set(key, entry);
  };
  for (const id of req.program.packages) add(id);
  for (const instr of req.program.instructions) {
    if (instr.kind !== 'step' || inactive(req.program, instr)) continue;
    const module = moduleOf(req, instr);
    if (module) for (const id of stepPackages(module, stepView(instr, req.program))) add(id, instr);
  }
  return needed;
}

/**
 * A missing package is a certain failure of each step that needs it (ConfigMgr fails the step when its content is
 * not found); steps that fail for another reason already are left out. A package only the `referenceList` names
 * belongs to no step and is an error of the run.
 */
function contentFindings(req: PreflightRequest, failing: ReadonlySet<number>): PreflightFinding[] {
  const out: PreflightFinding[] = [];
  const source = req.contentSource ? ` (${req.contentSource})` : '';
  const hint = 'give it with --content DIR (one folder per package id) or list it in a deployment source (--source URL)';
  for (const { id, users } of neededPackages(req).values()) {
    if (req.content?.resolve(id)) continue;
    if (users.length === 0) {
      out.push({ problem: { severity: 'error', code: 'missing-package', field: 'referenceList', message: `package ${id} is needed (referenceList) but is not in the content source${source}; ${hint}` } });
      continue;
    }
    for (const user of users.filter((u) => !failing.has(u.index))) {
      out.push(stepFailureFinding({
        severity: 'error', code: 'missing-package', field: 'package', file: user.file, path: user.path, line: user.node.loc?.line,
        message: `package ${id} is needed by ${user.path} but is not in the content source${source}; ${hint}`,
      }, user, CONTENT_FAILURE_EXIT_CODE));
    }
  }
  return out;
}

/**
 * `validate` checks the file; what this engine cannot do is not a defect of the file, so it is a warning there and a
 * run refuses it as an error: a child sequence that was not supplied, a step the engine rejects (Convert Disk to
 * Dynamic) or cannot run yet.
 */
export function relaxForValidation(problems: readonly Problem[]): Problem[] {
  const engineLimits = new Set(['missing-child', 'unsupported-step']);
  return problems.map((p) => (engineLimits.has(p.code) && p.severity === 'error' ? { ...p, severity: 'warning', message: `${p.message} (a run refuses it)` } : p));
}
