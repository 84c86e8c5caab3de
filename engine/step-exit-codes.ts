/**
 * Windows error codes the engine and the built-in steps report as a step's exit code when it fails before or
 * instead of a process. They are the codes the real agent would set, so `_SMSTSLastActionRetCode` stays comparable
 * with real logs. HRESULTs are written unsigned (as ConfigMgr logs them); the engine compares exit codes as 32-bit
 * values, so a process returning the signed form matches too.
 */

/** ERROR_ACCESS_DENIED: a write to a read-only (`_`) variable. */
export const EXIT_ACCESS_DENIED = 5;
/** ERROR_NOT_SUPPORTED: something the step cannot do here (run-as in Windows PE, not in Windows PE, LZMS images). */
export const EXIT_NOT_SUPPORTED = 50;
/** ERROR_INVALID_PARAMETER: an option value the step cannot use. */
export const EXIT_INVALID_PARAMETER = 87;
/** ERROR_DISK_FULL: an image or capture does not fit the volume. */
export const EXIT_DISK_FULL = 112;
/** ERROR_TIMEOUT: the step ran longer than its `timeout`. */
export const EXIT_TIMEOUT = 1460;
/** HRESULT E_FAIL: a step that could not run or failed unexpectedly. */
export const EXIT_FAILED = 0x80004005;
/** HRESULT E_ABORT: a step interrupted by a restart that may not be re-run. */
export const EXIT_ABORTED = 0x80004004;
/** HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED): a step reached in an environment it does not run in. */
export const EXIT_WRONG_ENVIRONMENT = 0x80070032;
/** HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND): package content not available. */
export const EXIT_CONTENT_NOT_FOUND = 0x80070002;
