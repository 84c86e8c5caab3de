/**
 * Where a run's sequence, variables and package manifests come from: a sequence file, or a deployment source
 * (`--source URL`, repeatable) whose sequence is fetched, hash-checked and saved to a temporary folder for the run.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AxiosInstance } from 'axios';
import { InvalidInputError, readDownloadRetry } from '../../engine/index.ts';
import { checkName, isReadOnlyName } from '../../variables/index.ts';
import { createHttpClient } from '../content/http-client.ts';
import { normalizeSourceUrl, readDeploymentSource } from '../content/deployment-source.ts';
import type { PackageManifest } from '../content/package-manifest.ts';
import type { InputOptions, RunVariable } from './deployment-options.ts';

export interface DeploymentInput {
  file: string;
  /** Variables the source sets (before `--var`, which wins). */
  variables: RunVariable[];
  manifests: PackageManifest[];
  /** Base URLs, the one that answered first. */
  sources: string[];
  client: AxiosInstance;
  /** Removes the temporary copy of a fetched sequence. */
  dispose(): void;
}

function bad(field: string, message: string): InvalidInputError {
  return new InvalidInputError(`${field}: ${message}`, [{ severity: 'error', code: 'bad-option', field, message }]);
}

/**
 * PEM text of `--ca-bundle`.
 * @throws InvalidInputError when the file is missing or holds no certificate
 */
export function readCaBundle(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  if (!existsSync(file)) throw bad('--ca-bundle', `${file} does not exist`);
  const pem = readFileSync(file, 'utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw bad('--ca-bundle', `${file} holds no PEM certificate`);
  return pem;
}

/**
 * Resolves the run's input.
 * @throws InvalidInputError for bad options or an invalid source document; TaskseqError('content-unavailable') when
 *   no source answers
 */
export async function loadDeploymentInput(options: InputOptions): Promise<DeploymentInput> {
  const client = createHttpClient({ ca: readCaBundle(options.caBundle) });
  const bases = (options.sources ?? []).map(normalizeSourceUrl);
  if (bases.length === 0) {
    if (!options.file) throw bad('run', 'give a sequence file or --source URL');
    return { file: options.file, variables: [], manifests: [], sources: [], client, dispose: () => {} };
  }
  if (options.file) throw bad('--source', 'give either a sequence file or --source, not both (the source names its sequence)');
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-source-'));
  try {
    const retry = readDownloadRetry((n) => options.variables.find((v) => v.name.toLowerCase() === n.toLowerCase())?.value);
    const source = await readDeploymentSource(bases, { client, dir, retry });
    const where = `${source.base}/taskseq-source.json`;
    const variables = (source.document.variables ?? []).map((v) => checkedVariable(v, where));
    const sources = [source.base, ...bases.filter((b) => b !== source.base)];
    return { file: source.sequenceFile, variables, manifests: source.document.packages, sources, client, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function checkedVariable(v: { name: string; value: string; secret?: boolean }, where: string) {
  const problem = checkName(v.name) ?? (isReadOnlyName(v.name) ? `${v.name} is read-only: names starting with "_" are set by the engine` : undefined);
  if (problem) throw new InvalidInputError(`${where}: variable ${v.name}: ${problem}`, [{ severity: 'error', code: 'invalid-source', file: where, field: 'variables', message: problem }]);
  return { name: v.name, value: v.value, ...(v.secret ? { secret: true } : {}) };
}

/**
 * The package manifests a deployment source lists (boot media carry none of their own).
 * @throws InvalidInputError for an invalid source document; TaskseqError('content-unavailable') when no source answers
 */
export async function fetchSourceManifests(sources: readonly string[], client: AxiosInstance,
  variables: readonly RunVariable[]): Promise<PackageManifest[]> {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-source-'));
  try {
    const retry = readDownloadRetry((n) => variables.find((v) => v.name.toLowerCase() === n.toLowerCase())?.value);
    const source = await readDeploymentSource(sources.map(normalizeSourceUrl), { client, dir, retry });
    return source.document.packages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
