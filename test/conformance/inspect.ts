/** Loads, validates and round-trips one sequence file for the conformance run. */
import { isDeepStrictEqual } from 'node:util';
import {
  compileProgram, createRegistry, dedupeProblems, loadDocument, preflight, relaxForValidation, toJsonDocument, writeSequenceXml,
  type Problem, type SequenceDocument,
} from '../../engine/index.ts';
import { BUILTIN_STEPS } from '../../steps/index.ts';
import { readSequenceFile } from '../../agent/load/read-sequence-file.ts';
import type { ChildMap } from '../../agent/load/load-children.ts';
import { planPartitionSteps, type PlanLine } from './partition-plans.ts';

export interface Inspection {
  file: string;
  form?: string;
  loaded: boolean;
  steps: number;
  errors: Problem[];
  warnings: Problem[];
  roundTrip: boolean | undefined;
  roundTripProblem?: string;
  /** Every Format and Partition Disk step planned on a blank 256 GB disk. */
  plans: PlanLine[];
}

/** The model without source locations (they are not part of the format). */
export function withoutLocations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLocations);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'loc') out[k] = withoutLocations(v);
    return out;
  }
  return value;
}

/** XML -> JSON -> model -> XML -> model must give the same model. */
export function roundTrip(doc: SequenceDocument, file: string): string | undefined {
  const json = toJsonDocument(doc);
  const fromJson = loadDocument(new TextEncoder().encode(json), `${file}.json`);
  if (!fromJson.loaded) return `the JSON form does not load: ${fromJson.problems.map((p) => p.message).join('; ')}`;
  const xml = writeSequenceXml(fromJson.loaded.document.sequence);
  const fromXml = loadDocument(new TextEncoder().encode(xml), `${file}.xml`, { allowUnknownSteps: true });
  if (!fromXml.loaded) return `the rewritten XML does not load: ${fromXml.problems.map((p) => p.message).join('; ')}`;
  if (!isDeepStrictEqual(withoutLocations(fromJson.loaded.document), withoutLocations(doc))) return 'XML -> JSON changed the model';
  if (!isDeepStrictEqual(withoutLocations(fromXml.loaded.document.sequence), withoutLocations(doc.sequence))) return 'JSON -> XML changed the model';
  return undefined;
}

export function inspect(file: string, children: ChildMap): Inspection {
  const registry = createRegistry(BUILTIN_STEPS);
  let result: ReturnType<typeof readSequenceFile>;
  try {
    result = readSequenceFile(file);
  } catch (e) {
    return { file, loaded: false, steps: 0, errors: [{ severity: 'error', code: 'unreadable', message: (e as Error).message }], warnings: [], roundTrip: undefined, plans: [] };
  }
  const problems = [...result.problems];
  if (!result.loaded) return { file, loaded: false, steps: 0, errors: problems.filter((p) => p.severity === 'error'), warnings: problems.filter((p) => p.severity === 'warning'), roundTrip: undefined, plans: [] };
  const doc = result.loaded.document;
  const compiled = compileProgram(doc, { file, children: { ...children, ...siblingChildren(result.loaded.siblings, file) } });
  problems.push(...relaxForValidation(compiled.problems), ...preflight({ program: compiled.program, registry, mode: 'validate' }));
  const unique = dedupeProblems(problems);
  const rt = roundTrip(doc, file);
  return {
    file, form: result.loaded.form, loaded: true,
    steps: compiled.program.instructions.filter((i) => i.kind === 'step').length,
    errors: unique.filter((p) => p.severity === 'error'), warnings: unique.filter((p) => p.severity === 'warning'),
    roundTrip: rt === undefined, ...(rt ? { roundTripProblem: rt } : {}), plans: planPartitionSteps(compiled.program),
  };
}

function siblingChildren(siblings: Record<string, SequenceDocument> | undefined, file: string): ChildMap {
  const out: ChildMap = {};
  for (const [id, document] of Object.entries(siblings ?? {})) out[id.toUpperCase()] = { document, file };
  return out;
}
