/**
 * Compiles a sequence into a flat instruction table: groups and steps each get an index; a container records where
 * it ends so that a skip or a caught failure can jump past it. Run Task Sequence inlines the child's steps under
 * it (one environment, as ConfigMgr merges parent and child into one policy).
 */
import type { SequenceDocument, SequenceNode, SubTaskSequenceNode, TaskSequence, VariableEntry } from '../definition/model.ts';
import type { Problem } from '../problems.ts';
import type { Instruction, Program } from './instruction.ts';
import { effectiveSuccessCodes } from '../definition/success-codes.ts';
import { sequenceHash } from '../definition/index.ts';

export const CHILD_PACKAGE_VARIABLE = 'OSDSubTasksequencePackageID';

export interface CompileOptions {
  file: string;
  /** Child sequences by package id (from `--children DIR` or the same export zip). */
  children?: Record<string, { document: SequenceDocument; file: string }>;
  /** Package id when the document does not carry one. */
  defaultPackageId?: string;
  /** Package name when the document does not carry one (e.g. the file name). */
  defaultPackageName?: string;
}

export interface CompileResult {
  program: Program;
  problems: Problem[];
}

interface Walk {
  out: Instruction[];
  problems: Problem[];
  options: CompileOptions;
  /** Package ids on the current inlining chain (cycle detection). */
  chain: string[];
  hashParts: string[];
  globals: VariableEntry[];
  packages: Set<string>;
}

/** Builds the instruction table; problems name the step path (a missing or cyclic child is an error). */
export function compileProgram(doc: SequenceDocument, options: CompileOptions): CompileResult {
  const packageId = doc.package?.packageId ?? options.defaultPackageId ?? 'TSQ00000';
  const walk: Walk = {
    out: [], problems: [], options, chain: [packageId.toUpperCase()], hashParts: [sequenceHash(doc.sequence)],
    globals: [...(doc.sequence.globalVarList ?? [])], packages: new Set(referencedPackages(doc.sequence)),
  };
  compileNodes(doc.sequence.children, -1, [], options.file, walk);
  const name = doc.package?.packageName ?? doc.sequence.name ?? options.defaultPackageName ?? packageId;
  return {
    program: {
      instructions: walk.out, name, packageId, hash: walk.hashParts.join('+'), globals: walk.globals,
      packages: [...walk.packages],
    },
    problems: walk.problems,
  };
}

function compileNodes(nodes: SequenceNode[], parent: number, ancestors: string[], file: string, walk: Walk): void {
  for (const node of nodes) compileNode(node, parent, ancestors, file, walk);
}

function compileNode(node: SequenceNode, parent: number, ancestors: string[], file: string, walk: Walk): void {
  const index = walk.out.length;
  const path = [...ancestors, node.name].join('/');
  const base = {
    index, node, name: node.name, path, parent, end: index + 1, file,
    disabled: node.disable === true, continueOnError: node.continueOnError === true, condition: node.condition,
  };
  if (node.kind === 'group') {
    walk.out.push({ ...base, kind: 'group', type: 'Group', successCodes: [0], defaults: [], retryCount: 0 });
    compileNodes(node.children, index, [...ancestors, node.name], file, walk);
    walk.out[index].end = walk.out.length;
    return;
  }
  const instr: Instruction = {
    ...base,
    kind: node.kind === 'subtasksequence' ? 'group' : 'step',
    type: node.type ?? (node.kind === 'subtasksequence' ? 'SMS_TaskSequence_SubTasksequence' : '(command line)'),
    successCodes: effectiveSuccessCodes(node),
    defaults: node.defaultVarList ?? [],
    runIn: node.runIn,
    timeoutSeconds: node.timeout,
    retryCount: node.retryCount ?? 0,
  };
  walk.out.push(instr);
  if (node.kind === 'subtasksequence') {
    inlineChild(node, instr, [...ancestors, node.name], walk);
    instr.end = walk.out.length;
  }
}

function inlineChild(node: SubTaskSequenceNode, instr: Instruction, ancestors: string[], walk: Walk): void {
  const entry = node.defaultVarList?.find((v) => v.name.toLowerCase() === CHILD_PACKAGE_VARIABLE.toLowerCase());
  const id = entry?.value.trim();
  const problem = (code: string, message: string): void => {
    walk.problems.push({ severity: 'error', code, message, file: instr.file, path: instr.path, field: CHILD_PACKAGE_VARIABLE, line: node.loc?.line });
  };
  if (!id) return problem('missing-child-package', 'Run Task Sequence names no child package (OSDSubTasksequencePackageID is empty)');
  instr.childPackageId = id;
  const key = id.toUpperCase();
  if (walk.chain.includes(key)) return problem('child-cycle', `Run Task Sequence would run ${id} inside itself (${[...walk.chain, key].join(' -> ')})`);
  const child = findChild(walk.options.children, key);
  if (!child) {
    const known = Object.keys(walk.options.children ?? {});
    const list = known.length > 8 ? `${known.slice(0, 8).join(', ')} and ${known.length - 8} more` : known.join(', ');
    return problem('missing-child', `child task sequence ${id} was not found${known.length ? ` (available: ${list})` : ''}; give the folder or zip of exports with --children DIR`);
  }
  walk.chain.push(key);
  walk.hashParts.push(`${key}:${sequenceHash(child.document.sequence)}`);
  walk.globals.push(...(child.document.sequence.globalVarList ?? []));
  for (const p of referencedPackages(child.document.sequence)) walk.packages.add(p);
  compileNodes(child.document.sequence.children, instr.index, ancestors, child.file, walk);
  walk.chain.pop();
}

function findChild(children: CompileOptions['children'], key: string): { document: SequenceDocument; file: string } | undefined {
  if (!children) return undefined;
  for (const [id, c] of Object.entries(children)) if (id.toUpperCase() === key) return c;
  return undefined;
}

/** Package ids in the `referenceList` (application references are not packages). */
function referencedPackages(seq: TaskSequence): string[] {
  return (seq.referenceList ?? []).map((r) => r.package?.trim()).filter((p): p is string => !!p);
}
