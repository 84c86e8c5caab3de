/**
 * Everything checked before anything runs: the definition's own problems, children, step handlers and options,
 * conditions, and content. A deployment must never stop halfway on a typo, so every problem is collected and the
 * run starts only when there is no error.
 */
import type { Problem } from '../problems.ts';
import type { Program, Instruction } from '../program/index.ts';
import type { Registry } from '../registry/index.ts';
import type { ContentPort } from '../ports/content.ts';
import type { StepModule } from '../step-module.ts';
import type { MediaType } from '../ports/system-info.ts';
import { STEP_CATALOG } from '../definition/index.ts';
import { checkCondition } from '../conditions/index.ts';
import { stepView } from './step-options.ts';
import { checkOptions } from './options-validator.ts';
import { standAloneMediaProblems } from './standalone-media-rules.ts';

export interface PreflightRequest {
  program: Program;
  registry: Registry;
  /** `validate` reports steps the engine cannot run yet as warnings; `run` refuses them. */
  mode: 'validate' | 'run';
  allowUnknownSteps?: boolean;
  /** Given for `run`: every package the sequence needs must be there (absent: content is not checked). */
  content?: ContentPort;
  /** The content source, for messages (e.g. the --content folder). */
  contentSource?: string;
  /** The media the run starts from: `FullMedia` adds the stand-alone media rules. */
  mediaType?: MediaType;
}

export function preflight(req: PreflightRequest): Problem[] {
  const problems: Problem[] = [];
  for (const instr of req.program.instructions) {
    if (instr.condition) problems.push(...conditionProblems(instr));
    if (instr.kind === 'step' && !inactive(req.program, instr)) problems.push(...stepProblems(req, instr));
  }
  if (req.mediaType === 'FullMedia') problems.push(...standAloneMediaProblems(req.program));
  if (req.mode === 'run' && req.content) problems.push(...contentProblems(req));
  return problems;
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

function stepProblems(req: PreflightRequest, instr: Instruction): Problem[] {
  const where = { file: instr.file, path: instr.path, line: instr.node.loc?.line };
  const node = instr.node.kind === 'group' ? undefined : instr.node;
  const module = moduleOf(req, instr);
  if (!module) {
    const known = STEP_CATALOG.find((c) => c.type === node?.type);
    if (!known) return []; // the definition validator already reported the unknown type
    return [{
      ...where, severity: req.mode === 'run' ? 'error' : 'warning', code: 'unsupported-step-type', field: 'type',
      message: `step type ${known.type} (${known.displayName}) is recognised but this version of taskseq cannot run it yet${req.mode === 'run' ? '; disable the step or remove it to run the rest' : ''}`,
    }];
  }
  const view = stepView(instr, req.program);
  const own = [...checkOptions(module, view.options), ...(module.validate?.(view) ?? [])].map((p) => ({ ...p, ...where }));
  return req.mode === 'validate' ? relaxForValidation(own) : own;
}

/**
 * Every package a run needs before its first step: the `referenceList` and the packages active steps name (values
 * that reference `%VAR%` are known only at run time and are left out). The agent stages these before the first step.
 */
export function requiredPackages(req: Pick<PreflightRequest, 'program' | 'registry' | 'allowUnknownSteps'>): string[] {
  return [...neededPackages(req).values()].map((p) => p.id);
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
    for (const id of module?.packages?.(stepView(instr, req.program)) ?? []) add(id, instr);
  }
  return needed;
}

function contentProblems(req: PreflightRequest): Problem[] {
  const out: Problem[] = [];
  const source = req.contentSource ? ` (${req.contentSource})` : '';
  for (const { id, users } of neededPackages(req).values()) {
    if (req.content?.resolve(id)) continue;
    const first = users[0];
    out.push({
      severity: 'error', code: 'missing-package', field: first ? 'package' : 'referenceList', file: first?.file, path: first?.path, line: first?.node.loc?.line,
      message: `package ${id} is needed${users.length ? ` by ${users.map((u) => u.path).join(', ')}` : ' (referenceList)'} but is not in the content source${source}; give it with --content DIR (one folder per package id) or list it in a deployment source (--source URL)`,
    });
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
