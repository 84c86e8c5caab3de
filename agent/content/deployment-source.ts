/**
 * Reading a deployment source: `<base>/taskseq-source.json` (schema-checked, manifests checked for unsafe paths), then
 * the sequence it names, checked against its SHA-256. Bases are tried in order; a source that cannot be reached is
 * skipped, a source that answers with an invalid document stops the run (that is a mistake to fix, not to hide).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AxiosInstance } from 'axios';
import pRetry from 'p-retry';
import { InvalidInputError, TaskseqError, type Problem } from '../../engine/index.ts';
import { describeError, HttpStatusError, isAbort, isRetryable } from './download-errors.ts';
import { assertManifests, manifestPathProblem } from './package-manifest.ts';
import { checkSourceDocument, type SourceDocument } from './source-schema.ts';

/** The largest sequence file accepted (bytes). */
const MAX_SEQUENCE_BYTES = 64 * 1024 * 1024;

export interface DeploymentSource {
  /** The base that answered. */
  base: string;
  document: SourceDocument;
  /** Local copy of the verified sequence. */
  sequenceFile: string;
}

export interface SourceReadOptions {
  client: AxiosInstance;
  /** Folder the sequence is saved to. */
  dir: string;
  retry: { count: number; delayMs: number };
}

/**
 * A base URL as given on the command line: http(s), no trailing slash.
 * @throws InvalidInputError for anything else
 */
export function normalizeSourceUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  let parsed: URL | undefined;
  try { parsed = new URL(trimmed); } catch { parsed = undefined; }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.search || parsed.hash) {
    const message = `a deployment source must be an http:// or https:// URL without query or fragment (got "${url}")`;
    throw new InvalidInputError(`--source: ${message}`, [{ severity: 'error', code: 'bad-option', field: '--source', message }]);
  }
  return trimmed;
}

/**
 * Reads the first deployment source that answers.
 * @throws InvalidInputError for an invalid document, unsafe manifest paths or a bad sequence name;
 *   TaskseqError('content-unavailable') when no source answered or the sequence does not match its hash
 */
export async function readDeploymentSource(bases: readonly string[], o: SourceReadOptions): Promise<DeploymentSource> {
  const failures: string[] = [];
  for (const base of bases) {
    let document: SourceDocument;
    const where = `${base}/taskseq-source.json`;
    try {
      document = parseDocument(await fetchBytes(o, where), where);
    } catch (e) {
      if (e instanceof TaskseqError || isAbort(e)) throw e;
      failures.push(`${where}: ${describeError(e)}`);
      continue;
    }
    const bytes = await fetchSequence(o, base, document);
    const sequenceFile = join(o.dir, basename(document.sequence.file));
    writeFileSync(sequenceFile, bytes);
    return { base, document, sequenceFile };
  }
  throw new TaskseqError('content-unavailable', `no deployment source answered (${failures.join('; ')})`);
}

function parseDocument(bytes: Buffer, where: string): SourceDocument {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new InvalidInputError(`${where}: not JSON: ${(e as Error).message}`, [{ severity: 'error', code: 'invalid-source', file: where, message: 'not JSON' }]);
  }
  const problems: Problem[] = checkSourceDocument(data, where);
  if (problems.length) throw new InvalidInputError(`${where}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
  const doc = data as SourceDocument;
  const bad = manifestPathProblem(doc.sequence.file);
  if (bad) {
    throw new InvalidInputError(`${where}: sequence file "${doc.sequence.file}" is refused: ${bad}`, [{ severity: 'error', code: 'unsafe-manifest', file: where, field: '/sequence/file', message: bad }]);
  }
  assertManifests(doc.packages, where);
  return doc;
}

/** The sequence, fetched again once when its hash does not match. */
async function fetchSequence(o: SourceReadOptions, base: string, doc: SourceDocument): Promise<Buffer> {
  const url = `${base}/${doc.sequence.file.split('/').map(encodeURIComponent).join('/')}`;
  let actual = '';
  for (let pass = 0; pass < 2; pass++) {
    const bytes = await fetchBytes(o, url).catch((e: unknown) => {
      throw new TaskseqError('content-unavailable', `${url}: ${describeError(e)}`, { cause: e });
    });
    actual = createHash('sha256').update(bytes).digest('hex');
    if (actual === doc.sequence.sha256) return bytes;
  }
  throw new TaskseqError('content-unavailable', `${url}: the sequence does not match taskseq-source.json (SHA-256 expected ${doc.sequence.sha256}, got ${actual}, fetched twice)`);
}

async function fetchBytes(o: SourceReadOptions, url: string): Promise<Buffer> {
  return pRetry(async () => {
    const res = await o.client.get<ArrayBuffer>(url, { responseType: 'arraybuffer', maxContentLength: MAX_SEQUENCE_BYTES });
    if (res.status !== 200) throw new HttpStatusError(res.status, url);
    return Buffer.from(res.data);
  }, { retries: o.retry.count, minTimeout: o.retry.delayMs, factor: 1, shouldRetry: ({ error }) => isRetryable(error) });
}
