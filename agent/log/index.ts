/** The agent's logging: CMTrace smsts.log, JSON events, and a CMTrace reader for tests and tools. */
export {
  renderCmtraceLine,
  renderCmtraceTime,
  renderCmtraceDate,
  escapeCmtraceMessage,
  unescapeCmtraceMessage,
  CMTRACE_LINE_END,
} from './cmtrace-format.ts';
export type { CmtraceType, CmtraceEntryInput } from './cmtrace-format.ts';
export { parseCmtrace } from './cmtrace-reader.ts';
export type { CmtraceEntry } from './cmtrace-reader.ts';
export { SmstsTransport, DEFAULT_MAX_SIZE, DEFAULT_MAX_HISTORY } from './smsts-transport.ts';
export type { SmstsTransportOptions } from './smsts-transport.ts';
export { createRunLog, jsonLogName } from './create-log.ts';
export type { RunLog, RunLogOptions } from './create-log.ts';
export { renderEventMessage, renderConsoleLine, renderHexCode, EVENT_COMPONENT } from './event-message.ts';
export { renderHistoryName, parseHistoryFiles } from './rollover.ts';
