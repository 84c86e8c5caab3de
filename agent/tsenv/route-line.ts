/**
 * One request line judged and answered, without any transport: which connection the answer goes to and whether the
 * sender's connection ends. The server applies it to sockets; tests apply it to a script component's fake streams.
 */
import { timingSafeEqual } from 'node:crypto';
import { answerRequest, type BridgeLog } from './answer-request.ts';
import type { CommandEnvironment } from './command-environment.ts';
import { formatAnswer, parseRequest } from './protocol.ts';

/** What the routing needs to know about the bridge. */
export interface RouteContext {
  token: string;
  environment: CommandEnvironment;
  log: BridgeLog;
  /** True when a connection with this channel is open. */
  hasChannel(channel: string): boolean;
}

/** Where an answer line goes: back on the sender's connection, or to the connection of a channel. */
export interface Routed {
  answer: string;
  to: { self: true } | { channel: string };
  /** The sender's connection ends after the answer (a wrong token). */
  hangUp: boolean;
}

/** The refusal a wrong token gets. */
export const WRONG_TOKEN = 'refused: the token is not this command\'s';

/** Answers one line (already without its line end); never throws for anything a client sends. */
export function routeLine(line: string, context: RouteContext): Routed {
  const self = { self: true } as const;
  const parsed = parseRequest(line);
  if (!parsed.ok) return { answer: formatAnswer({ ok: false, error: parsed.error }, parsed.id), to: self, hangUp: false };
  const { request } = parsed;
  if (!sameToken(request.token, context.token)) {
    context.log('warning', 'A request to the task sequence environment carried a wrong token; it was refused');
    return { answer: formatAnswer({ ok: false, error: WRONG_TOKEN }, request.id), to: self, hangUp: true };
  }
  if (request.channel !== undefined && !context.hasChannel(request.channel)) {
    return { answer: formatAnswer({ ok: false, error: `no open connection has channel ${request.channel}` }, request.id), to: self, hangUp: false };
  }
  const answer = formatAnswer(answerRequest(request, context.environment, context.log), request.id);
  return { answer, to: request.channel === undefined ? self : { channel: request.channel }, hangUp: false };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
