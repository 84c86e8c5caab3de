/**
 * How far a port's long operation has got (an image applied or captured), told to the step while it runs so that a
 * ten-minute apply does not look stuck. Ports report what they measure; the engine throttles and forwards it.
 */

/** One reading of an operation's progress. */
export interface OperationProgress {
  /** 0-100. An operation with several passes (an integrity check before the extraction) starts again at 0 in each. */
  percent: number;
  /** Bytes processed so far, when the backend counts them. */
  bytesDone?: number;
  /** Bytes the pass processes in all, when known. */
  bytesTotal?: number;
}

/**
 * Told of each reading. It returns at once and never throws, so a backend may call it from its output parser
 * without guarding the operation against it.
 */
export type ProgressCallback = (progress: OperationProgress) => void;
