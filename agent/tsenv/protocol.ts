/**
 * The bridge protocol between a command's scripts and the agent: one JSON object per line each way, UTF-8, every
 * character outside printable ASCII written as a `\uXXXX` escape (a script host's text stream reads the pipe in the
 * ANSI code page, so only ASCII crosses it intact).
 *
 * On every connection the agent first writes a hello, `{"protocol":1,"channel":"<id>"}`. Then each request line
 *
 *   {"token":"<run token>","id":7,"op":"get","name":"OSDComputerName"}
 *   {"token":"…","id":8,"op":"set","name":"OSDComputerName","value":"PC01"}
 *   {"token":"…","id":9,"op":"list"}
 *   {"token":"…","id":10,"op":"progress","method":"CloseProgressDialog","args":[]}
 *
 * gets one answer line: `{"id":7,"ok":true,"value":"PC01","secret":false}`, `{"id":8,"ok":true}`,
 * `{"id":9,"ok":true,"names":["…"]}` or `{"id":7,"ok":false,"error":"…"}`. A request that names a `channel` gets
 * its answer on that connection instead of its own: a client that can only open a pipe for reading or for writing
 * (a script component's text streams) keeps one connection open for reading and writes each request on a new one.
 */

/** The protocol's version, in the hello. */
export const PROTOCOL_VERSION = 1;

/** The environment variables that tell a command's scripts where the agent listens. */
export const TSENV_ENDPOINT_VARIABLE = 'TASKSEQ_TSENV_PIPE';
export const TSENV_TOKEN_VARIABLE = 'TASKSEQ_TSENV_TOKEN';

/** Longest request line accepted, in characters: a 4001-character value escaped six-fold fits, abuse does not. */
export const MAX_REQUEST_CHARS = 64 * 1024;

export type TsEnvRequest =
  | { op: 'get'; name: string }
  | { op: 'set'; name: string; value: string }
  | { op: 'list' }
  | { op: 'progress'; method: string; args: string[] };

/** A request line as sent: the operation plus who asks and where the answer goes. */
export type RequestEnvelope = TsEnvRequest & { token: string; id?: number; channel?: string };

export type TsEnvAnswer =
  | { ok: true; value: string; secret: boolean }
  | { ok: true; names: string[] }
  | { ok: true }
  | { ok: false; error: string };

/** A parsed line: the envelope, or why it is not one (with the id when the line had a usable one). */
export type ParsedRequest = { ok: true; request: RequestEnvelope } | { ok: false; error: string; id?: number };

/** JSON with every character outside printable ASCII escaped, plus the line end. */
export function formatLine(value: unknown): string {
  const json = JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${json}\n`;
}

/** The hello line a connection starts with. */
export function formatHello(channel: string): string {
  return formatLine({ protocol: PROTOCOL_VERSION, channel });
}

/** An answer line, carrying the request's id when it had one. */
export function formatAnswer(answer: TsEnvAnswer, id?: number): string {
  return formatLine(id === undefined ? answer : { id, ...answer });
}

/** Reads one request line; never throws. */
export function parseRequest(line: string): ParsedRequest {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { ok: false, error: 'the request is not a JSON object on one line' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, error: 'the request is not a JSON object on one line' };
  const o = data as Record<string, unknown>;
  const id = Number.isSafeInteger(o.id) ? (o.id as number) : undefined;
  const bad = (error: string): ParsedRequest => ({ ok: false, error, ...(id === undefined ? {} : { id }) });
  if (o.id !== undefined && id === undefined) return bad('"id" must be an integer');
  if (typeof o.token !== 'string') return bad('the request has no "token"');
  if (o.channel !== undefined && typeof o.channel !== 'string') return bad('"channel" must be a string');
  const envelope = { token: o.token, ...(id === undefined ? {} : { id }), ...(o.channel === undefined ? {} : { channel: o.channel as string }) };
  const request = readOperation(o);
  return typeof request === 'string' ? bad(request) : { ok: true, request: { ...envelope, ...request } };
}

function readOperation(o: Record<string, unknown>): TsEnvRequest | string {
  switch (o.op) {
    case 'get':
      return typeof o.name === 'string' ? { op: 'get', name: o.name } : '"get" needs a string "name"';
    case 'set':
      if (typeof o.name !== 'string') return '"set" needs a string "name"';
      return typeof o.value === 'string' ? { op: 'set', name: o.name, value: o.value } : '"set" needs a string "value"';
    case 'list':
      return { op: 'list' };
    case 'progress':
      if (typeof o.method !== 'string') return '"progress" needs a string "method"';
      if (o.args !== undefined && !(Array.isArray(o.args) && o.args.every((a) => typeof a === 'string'))) return '"args" must be a list of strings';
      return { op: 'progress', method: o.method, args: (o.args as string[] | undefined) ?? [] };
    default:
      return `unknown operation ${JSON.stringify(o.op ?? null)} (get, set, list, progress)`;
  }
}
