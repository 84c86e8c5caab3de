/**
 * What cannot work on stand-alone media (`_SMSTSMediaType=FullMedia`): steps that need a site (management point,
 * distribution point, state migration point, software update point) or a dynamic list the site resolves. Every such
 * step the run could reach is an error before anything runs. A step is not reached when it, or a group around it, is
 * disabled or has a condition that is certainly false on stand-alone media (e.g. `_SMSTSMediaType notEquals
 * FullMedia`); a condition that depends on anything else might be true, so the step counts as reached.
 */
import type { Problem } from '../problems.ts';
import type { Instruction, Program } from '../program/index.ts';
import { judgeKnownCondition } from './known-condition.ts';
import { stepView } from './step-options.ts';
import { stepFailureFinding, type PreflightFinding } from './certain-failure.ts';

/** The built-ins whose values are certain on stand-alone media before the run starts. */
export const STANDALONE_MEDIA_BUILTINS: Readonly<Record<string, string>> = Object.freeze({
  _SMSTSMediaType: 'FullMedia',
  _SMSTSStandAloneMode: 'true',
});

/** Variables that turn on user device affinity, which needs the site. */
const AFFINITY_VARIABLES = ['smstsassignusersmode', 'smstsudausers'];

interface Rule {
  type: string;
  /** Why the step cannot run without a site; undefined when this instance can. */
  reason(instr: Instruction): string | undefined;
  /**
   * False when the step itself would succeed and the deployment as a whole cannot work (setting a user device
   * affinity variable): continue on error on the step does not help then.
   */
  stepFails: boolean;
}

const always = (type: string, why: string): Rule => ({ type, reason: () => why, stepFails: true });

const dynamicList = (type: string, what: string): Rule => ({
  type,
  stepFails: true,
  reason: (instr) => {
    const base = stepView(instr).options.BaseVariableName?.trim();
    return base ? `${what} from a dynamic list (base variable ${base}) is resolved by the site` : undefined;
  },
});

const setsAffinity: Rule = {
  type: 'SMS_TaskSequence_SetVariableAction',
  stepFails: false,
  reason: (instr) => {
    const name = stepView(instr).options.VariableName?.trim() ?? '';
    return AFFINITY_VARIABLES.includes(name.toLowerCase()) ? `user device affinity (${name}) needs the site` : undefined;
  },
};

const CM = 'SMS_TaskSequence_';

/** The unsupported list of the stand-alone media documentation, as step rules. */
const RULES: readonly Rule[] = [
  always(`${CM}AutoApplyAction`, 'Auto Apply Drivers asks the management point for matching drivers'),
  always(`${CM}DownloadPackageContentAction`, 'Download Package Content downloads from distribution points'),
  always(`${CM}InstallUpdateAction`, 'Install Software Updates needs the software update point and the site'),
  always(`${CM}RequestStateStoreAction`, 'Request State Store needs a state migration point'),
  always(`${CM}ReleaseStateStoreAction`, 'Release State Store needs a state migration point'),
  dynamicList(`${CM}InstallApplicationAction`, 'Install Application'),
  dynamicList(`${CM}InstallSoftwareAction`, 'Install Package'),
  setsAffinity,
];

const BY_TYPE = new Map(RULES.map((r) => [r.type.toLowerCase(), r]));

/** Disabled, inside a disabled group, or guarded (itself or a group around it) by a condition false on this media. */
function unreachable(program: Program, instr: Instruction, known: Readonly<Record<string, string>>): boolean {
  for (let i: Instruction | undefined = instr; i; i = i.parent >= 0 ? program.instructions[i.parent] : undefined) {
    if (i.disabled || judgeKnownCondition(i.condition, known) === false) return true;
  }
  return false;
}

/**
 * Errors (code `unsupported-on-standalone-media`) for every reachable step that cannot run from stand-alone media,
 * each naming the step path and why.
 */
export function standAloneMediaProblems(program: Program): Problem[] {
  return standAloneMediaFindings(program).map((f) => f.problem);
}

/**
 * The same errors as findings: a site-only step fails when it runs, so the preflight treats it as a certain failure
 * of that step (a warning when continue on error catches it); user device affinity concerns the whole deployment.
 */
export function standAloneMediaFindings(program: Program): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  for (const instr of program.instructions) {
    if (instr.kind !== 'step') continue;
    const rule = BY_TYPE.get(instr.type.toLowerCase());
    const why = rule?.reason(instr);
    if (!rule || !why || unreachable(program, instr, STANDALONE_MEDIA_BUILTINS)) continue;
    const problem: Problem = {
      severity: 'error', code: 'unsupported-on-standalone-media', file: instr.file, path: instr.path, field: 'type',
      line: instr.node.loc?.line,
      message: `cannot run from stand-alone media: ${why}; disable the step, or guard it (or its group) with the condition _SMSTSMediaType notEquals FullMedia`,
    };
    findings.push(rule.stepFails ? stepFailureFinding(problem, instr) : { problem });
  }
  return [...findings, ...affinityGlobals(program).map((problem) => ({ problem }))];
}

/** A sequence variable that turns on user device affinity applies from the first step. */
function affinityGlobals(program: Program): Problem[] {
  return program.globals.filter((g) => AFFINITY_VARIABLES.includes(g.name.trim().toLowerCase()) && g.value.trim() !== '').map((g) => ({
    severity: 'error' as const, code: 'unsupported-on-standalone-media', field: g.name, line: g.loc?.line,
    message: `cannot run from stand-alone media: the sequence variable ${g.name} turns on user device affinity, which needs the site`,
  }));
}
