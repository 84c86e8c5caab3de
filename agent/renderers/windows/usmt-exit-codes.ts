/** USMT's documented return codes and what they mean for the person reading the log (pure). */

const CODES: Record<number, [name: string, advice: string]> = {
  0: ['USMT_SUCCESS', 'success'],
  1: ['USMT_DISPLAY_HELP', 'USMT printed its help: the command line is incomplete'],
  2: ['USMT_STATUS_CANCELED', 'the migration was cancelled'],
  3: ['USMT_WOULD_HAVE_FAILED', 'at least one error with /c: some files or settings were not migrated; see the USMT log'],
  11: ['USMT_INVALID_PARAMETERS', 'invalid command line options: check the additional options'],
  12: ['USMT_ERROR_OPTION_PARAM_TOO_LARGE', 'an option value is longer than 256 characters'],
  13: ['USMT_INIT_LOGFILE_FAILED', 'the log file cannot be created: check the log folder'],
  14: ['USMT_ERROR_USE_LAC', 'local accounts must be created: enable migrating local accounts (OSDMigrateLocalAccounts) with a password'],
  26: ['USMT_INIT_ERROR', 'USMT could not start: run it elevated and check the package matches the Windows architecture'],
  27: ['USMT_INVALID_STORE_LOCATION', 'the store path is invalid or not reachable: check OSDStateStorePath and its free space'],
  28: ['USMT_UNABLE_GET_SCRIPTFILES', 'a config file (/i:) cannot be read: check OSDMigrateConfigFiles against the package'],
  29: ['USMT_FAILED_MIGSTARTUP', 'the migration could not start: see the USMT log'],
  31: ['USMT_UNABLE_FINDMIGUNITS', 'nothing to migrate was found: check the config files'],
  32: ['USMT_FAILED_SETMIGRATIONTYPE', 'the migration type cannot be set: check /hardlink and /nocompress go together'],
  33: ['USMT_UNABLE_READKEY', 'the encryption key cannot be read'],
  34: ['USMT_ERROR_INSUFFICIENT_RIGHTS', 'USMT needs administrative rights'],
  35: ['USMT_UNABLE_DELETE_STORE', 'the existing store cannot be overwritten'],
  36: ['USMT_ERROR_UNSUPPORTED_PLATFORM', 'this Windows version is not supported by the USMT package'],
  37: ['USMT_ERROR_NO_INVALID_KEY', 'the store is encrypted but no valid key was given'],
  38: ['USMT_ERROR_CORRUPTED_NOTENCRYPTED_STORE', 'the store is damaged or not encrypted as expected'],
  39: ['USMT_UNABLE_TO_READ_CONFIG_FILE', 'a config file is not valid XML'],
  40: ['USMT_ERROR_UNABLE_CREATE_PROGRESS_LOG', 'the progress log cannot be created'],
  41: ['USMT_PREFLIGHT_FILE_CREATION_FAILED', 'the store cannot be created: check the store path is writable'],
  42: ['USMT_ERROR_CORRUPTED_STORE', 'the store is damaged: capture again'],
  61: ['USMT_MIGRATION_STOPPED_NONFATAL', 'the migration stopped after an error without /c (continue on error)'],
  71: ['USMT_INIT_OPERATING_ENVIRONMENT_FAILED', 'the operating environment could not be set up (offline Windows folder wrong?)'],
  72: ['USMT_UNABLE_DOMIGRATION', 'the migration failed: see the USMT log'],
};

/** A line naming the code and what to do, e.g. `27 USMT_INVALID_STORE_LOCATION: the store path ...`. */
export function explainUsmtExitCode(tool: 'ScanState' | 'LoadState', code: number): string {
  const known = CODES[code];
  return known ? `${tool} returned ${code} (${known[0]}): ${known[1]}` : `${tool} returned ${code}, which USMT does not document: see the USMT log`;
}

/** USMT's documented success code; everything else fails the step. */
export const isUsmtSuccess = (code: number): boolean => code === 0;
