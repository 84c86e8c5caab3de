/**
 * Everything before a run touches anything: load the sequence and its children, compile, load the machine profile,
 * and run the preflight. Any error stops here with every problem listed.
 */
import { basename } from 'node:path';
import {
  compileProgram, createRegistry, dedupeProblems, hasErrors, InvalidInputError, preflightProgram, relaxForValidation,
  loadDocument, type ContentPort, type MachineJudge, type MediaType, type Problem, type Program, type Registry, type SequenceDocument, type SourceForm,
} from '../../engine/index.ts';
import { BUILTIN_STEP_CATALOG, BUILTIN_STEPS } from '../../steps/index.ts';
import { readSequenceFile } from './read-sequence-file.ts';
import { loadChildren, type ChildMap } from './load-children.ts';
import { createFolderContent } from '../content/folder-content.ts';

export interface PreparedRun {
  document: SequenceDocument;
  /** The form the sequence was read in. */
  form: SourceForm;
  program: Program;
  registry: Registry;
  problems: Problem[];
}

export interface PrepareOptions {
  /** The sequence file, or the name of `bytes` in messages. */
  file: string;
  /** The sequence itself when it does not come from `file` (a media's decrypted sequence). */
  bytes?: Uint8Array;
  children?: string;
  content?: string;
  /** What the run can stage (media folders, manifests); default: the `content` folder. */
  catalog?: ContentPort;
  /** The content sources, for messages; default: the `content` folder. */
  contentSource?: string;
  /** `false`: a run's packages are not checked (media whose content comes from a deployment source). */
  checkContent?: boolean;
  /** The media the run starts from (`FullMedia` adds the stand-alone media rules). */
  mediaType?: MediaType;
  allowUnknownSteps: boolean;
  mode: 'validate' | 'run';
  /** The live machine a run drives: the steps it refuses outright stop the run here. */
  machine?: MachineJudge;
  /** The network shares the run connects (`\\server\share`); absent when not known (`validate`, media builds). */
  connectedShares?: readonly string[];
}

/**
 * Loads and checks a sequence.
 * @throws InvalidInputError carrying every problem when there is at least one error.
 */
export function prepareRun(options: PrepareOptions): PreparedRun {
  const loaded = options.bytes
    ? loadDocument(options.bytes, options.file, { allowUnknownSteps: options.allowUnknownSteps, catalog: BUILTIN_STEP_CATALOG })
    : readSequenceFile(options.file, { allowUnknownSteps: options.allowUnknownSteps });
  if (!loaded.loaded) throw new InvalidInputError(`${options.file}: the sequence cannot be loaded`, loaded.problems);
  const problems: Problem[] = [...loaded.problems];
  const children: ChildMap = {};
  for (const [id, doc] of Object.entries(loaded.loaded.siblings ?? {})) children[id.toUpperCase()] = { document: doc, file: options.file };
  if (options.children) {
    const c = loadChildren(options.children);
    problems.push(...c.problems);
    for (const [id, child] of Object.entries(c.children)) children[id] ??= child;
  }
  const doc = loaded.loaded.document;
  const compiled = compileProgram(doc, { file: options.file, children, defaultPackageName: basename(options.file).replace(/\.[^.]+$/, '') });
  problems.push(...(options.mode === 'validate' ? relaxForValidation(compiled.problems) : compiled.problems));
  const registry = createRegistry(BUILTIN_STEPS);
  const checkContent = options.mode === 'run' && options.checkContent !== false;
  const content = checkContent ? options.catalog ?? createFolderContent(options.content) : undefined;
  const checked = preflightProgram({
    program: compiled.program, registry, mode: options.mode, allowUnknownSteps: options.allowUnknownSteps,
    content, contentSource: options.contentSource ?? options.content, mediaType: options.mediaType, machine: options.machine,
    connectedShares: options.connectedShares,
  });
  problems.push(...checked.problems);
  const unique = dedupeProblems(problems);
  if (hasErrors(unique)) throw new InvalidInputError(`${options.file}: the sequence is not valid`, unique);
  // The checked program: steps certain to fail under continue on error are marked, so the run fails them.
  return { document: doc, form: loaded.loaded.form, program: checked.program, registry, problems: unique };
}

