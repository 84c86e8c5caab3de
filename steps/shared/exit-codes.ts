/**
 * Windows error codes the built-in steps report when they fail before or instead of a command. Using the codes the
 * real agent would set keeps `_SMSTSLastActionRetCode` comparable with real logs.
 */

/** ERROR_ACCESS_DENIED: a write to a read-only (`_`) variable. */
export const EXIT_ACCESS_DENIED = 5;
/** ERROR_NOT_SUPPORTED: e.g. run-as in Windows PE. */
export const EXIT_NOT_SUPPORTED = 50;
/** ERROR_INVALID_PARAMETER: an option value the step cannot use. */
export const EXIT_INVALID_PARAMETER = 87;
/** ERROR_TIMEOUT: the command ran longer than the step's `timeout`. */
export const EXIT_TIMEOUT = 1460;
/** HRESULT 0x80070002 (file not found) as a signed 32-bit number: package content not available. */
export const EXIT_CONTENT_NOT_FOUND = -2147024894;
