/**
 * Bytes -> validated document: decode, detect the form from the content, parse, read the model, validate. Every
 * problem from every stage is returned together; bad input never throws.
 */
import { TaskseqError, type Problem } from '../problems.ts';
import { childPackageIds } from './child-packages.ts';
import { readCimExport } from './cim-export.ts';
import { createProblem } from './create-problem.ts';
import { decodeText, MAX_INPUT_BYTES } from './decode-text.ts';
import { classifyRoot, detectTextKind, sequenceFlavour } from './detect-form.ts';
import { isZip, readExportZip } from './export-zip.ts';
import { readJsonDocument } from './json-form.ts';
import type { SequenceDocument, SourceForm } from './model.ts';
import { createReadContext } from './read-context.ts';
import { readSequence } from './read-sequence.ts';
import { validateSequence, type ValidateOptions } from './validate-sequence.ts';
import { parseXmlTree } from './xml-tree.ts';

export interface LoadedDocument {
  document: SequenceDocument;
  form: SourceForm;
  /** The file as given; problems about a zip member name `file!member`. */
  file: string;
  problems: Problem[];
  /** other sequences found in the same zip, by package id (console export zips may hold children) */
  siblings?: Record<string, SequenceDocument>;
}

/** `loaded` is undefined when no model could be produced (a fatal problem); `problems` holds everything found. */
export interface LoadResult {
  loaded?: LoadedDocument;
  problems: Problem[];
}

export type LoadOptions = ValidateOptions;

/**
 * Loads a sequence in any accepted form and validates it. Never throws for bad input: fatal problems leave
 * `loaded` undefined.
 */
export function loadDocument(bytes: Uint8Array, file: string, options: LoadOptions = {}): LoadResult {
  try {
    if (isZip(bytes) && bytes.length <= MAX_INPUT_BYTES) return loadZip(bytes, file, options);
    const read = readDocumentBytes(bytes, file);
    if (!read.document || !read.form) return { problems: read.problems };
    const problems = byLine([...read.problems, ...validateDocument(read.document, file, options)]);
    return { loaded: { document: read.document, form: read.form, file, problems }, problems };
  } catch (e) {
    return { problems: problemsOf(e, file) };
  }
}

/** Validates a document (however it was read) and returns every problem. */
export function validateDocument(doc: SequenceDocument, file: string, options: ValidateOptions = {}): Problem[] {
  return validateSequence(doc.sequence, file, options);
}

interface ReadDocument {
  document?: SequenceDocument;
  form?: SourceForm;
  problems: Problem[];
}

function readDocumentBytes(bytes: Uint8Array, file: string): ReadDocument {
  const decoded = decodeText(bytes, file);
  const read = readDocumentText(decoded.text, file);
  return { ...read, problems: [...decoded.problems, ...read.problems] };
}

/** Text -> document in the form its content shows (JSON, CIM export or bare sequence). */
function readDocumentText(text: string, file: string): ReadDocument {
  const kind = detectTextKind(text);
  if (kind === 'json') {
    const json = readJsonDocument(text, file);
    return json.document ? { document: json.document, form: 'json', problems: json.problems } : { problems: json.problems };
  }
  if (kind !== 'xml') return fatal(file, 'unknown-form', `not a task sequence: found ${kind.found} (expected XML or JSON)`);
  const tree = parseXmlTree(text, { file });
  if (!tree.root) return { problems: tree.problems };
  const ctx = createReadContext(file, tree.problems);
  const root = classifyRoot(tree.root);
  if (typeof root === 'object') return fatal(file, 'unknown-form', `not a task sequence: found ${root.found}`, tree.root.line, ctx.problems);
  if (root === 'sequence') {
    const sequence = readSequence(tree.root, ctx);
    return { document: { sequence }, form: sequenceFlavour(sequence), problems: ctx.problems };
  }
  const embedded = readCimExport(tree.root, text, ctx);
  if (!embedded) return { problems: ctx.problems };
  const inner = parseXmlTree(embedded.text, { file, lineOffset: embedded.lineOffset, firstLineColumnOffset: embedded.firstLineColumnOffset });
  ctx.problems.push(...inner.problems);
  if (!inner.root) return { problems: ctx.problems };
  if (inner.root.name !== 'sequence') {
    return fatal(file, 'missing-sequence', `the export's Sequence value holds <${inner.root.name}>, not <sequence>`, inner.root.line, ctx.problems);
  }
  const sequence = readSequence(inner.root, ctx);
  return { document: { package: embedded.package, sequence }, form: 'cim-export', problems: ctx.problems };
}

function loadZip(bytes: Uint8Array, file: string, options: LoadOptions): LoadResult {
  const problems: Problem[] = [];
  const docs: Array<{ id: string; document: SequenceDocument }> = [];
  for (const m of readExportZip(bytes, file)) {
    const memberFile = `${file}!${m.member}`;
    const read = readDocumentBytes(m.bytes, memberFile);
    problems.push(...read.problems);
    if (!read.document) continue;
    problems.push(...validateDocument(read.document, memberFile, options));
    docs.push({ id: read.document.package?.packageId ?? m.packageId, document: read.document });
  }
  problems.sort((a, b) => (a.file === b.file ? 0 : (a.file ?? '') < (b.file ?? '') ? -1 : 1) || (a.line ?? 0) - (b.line ?? 0));
  if (docs.length === 0) return { problems };
  const primary = pickPrimary(docs);
  const siblings: Record<string, SequenceDocument> = {};
  for (const d of docs) if (d !== primary) siblings[d.id] = d.document;
  const loaded: LoadedDocument = { document: primary.document, form: 'cim-export-zip', file, problems };
  if (docs.length > 1) loaded.siblings = siblings;
  return { loaded, problems };
}

/** The sequence no other member runs as a child; the first member when every one is someone's child. */
function pickPrimary<T extends { id: string; document: SequenceDocument }>(docs: T[]): T {
  const children = new Set(docs.flatMap((d) => childPackageIds(d.document.sequence).map((id) => id.toUpperCase())));
  return docs.find((d) => !children.has(d.id.toUpperCase())) ?? docs[0];
}

/** Reading and validation findings in source order (the sort is stable: same-line findings keep their order). */
function byLine(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function fatal(file: string, code: string, message: string, line?: number, earlier: Problem[] = []): ReadDocument {
  return { problems: [...earlier, createProblem({ severity: 'error', code, message, file, line })] };
}

function problemsOf(e: unknown, file: string): Problem[] {
  if (e instanceof TaskseqError && e.problems.length > 0) return e.problems;
  const message = e instanceof Error ? e.message : String(e);
  const code = e instanceof TaskseqError ? e.code : 'internal';
  return [createProblem({ severity: 'error', code, message: `could not load the sequence: ${message}`, file })];
}
