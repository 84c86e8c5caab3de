/**
 * User state migration (USMT): capture the users' files and settings of a Windows into a state store, restore them
 * into another, and ask a state migration point for a network store. Store paths are Windows paths: a local folder
 * (`C:\_SMSTaskSequence\UserState`) or a share (`\\smp01\SMPSTORED_1A2B$\<id>`).
 */

import { TaskseqError } from '../problems.ts';

/** USMT ended with a failure exit code: `exitCode` is USMT's, the message explains it. */
export class UsmtError extends TaskseqError {
  readonly exitCode: number;
  constructor(exitCode: number, message: string) {
    super('step-failed', message);
    this.name = 'UsmtError';
    this.exitCode = exitCode;
  }
}

export type MigrationMode = 'Simple' | 'Advanced';

interface UsmtCommon {
  /** Folder of the USMT package (holds `scanstate.exe`, `MigDocs.xml`...), as the package resolves on this machine. */
  toolFolder: string;
  storePath: string;
  mode: MigrationMode;
  /** Advanced mode: the package's config files (`MigApp.xml`...); Simple mode uses `MigDocs.xml` and `MigApp.xml`. */
  configFiles: string[];
  verbose: boolean;
  /** `/hardlink /nocompress`: files stay on the volume as hard links (never encrypted). */
  hardLink: boolean;
  /** Extra USMT arguments, appended as written. */
  additionalOptions?: string;
  /** Where USMT writes its log (`ScanState.log`, `LoadState.log`). */
  logFile: string;
}

export interface CaptureUserStateRequest extends UsmtCommon {
  /** `/c`: go on past locked files. */
  continueOnLockedFiles: boolean;
  /** `/efs:skip`. */
  skipEncryptedFiles: boolean;
  /** Offline capture from Windows PE: the Windows folder of the installation (`C:\Windows`); absent = the running OS. */
  offlineWindowsDirectory?: string;
  /**
   * AES key for `/encrypt`; a secret: it never reaches a log. Ignored for hard-link stores (never encrypted); absent
   * for a compressed store = the port makes a random key and returns it.
   */
  encryptionKey?: string;
}

export interface RestoreUserStateRequest extends UsmtCommon {
  /** `/c`: go on past files that cannot be restored. */
  continueOnError: boolean;
  /** `/lac:<password> /lae`: create and enable local accounts with this password (a secret). */
  localAccountPassword?: string;
  /** Key of an encrypted store (`/decrypt`); a secret. */
  encryptionKey?: string;
}

/** What a capture or restore moved. */
export interface UserStateResult {
  /** `DOMAIN\user` or `user` for local accounts, in the order USMT processed them. */
  users: string[];
  files: number;
  /** Accounts skipped (local accounts without `/lac` on restore). */
  skipped: string[];
  /** The key a capture encrypted the store with (a secret), when it made one. */
  encryptionKey?: string;
}

export interface StateStoreRequest {
  kind: 'capture' | 'restore';
  computerName: string;
  /** The computer's MAC addresses, how a state migration point finds a restore's data. */
  macAddresses: string[];
  /** Further attempts after the first (`OSDStateSMPRetryCount`). */
  retryCount: number;
  /** Seconds between attempts (`OSDStateSMPRetryTime`). */
  retrySeconds: number;
  /** Connect with the network access account when the computer account cannot (`OSDStateFallbackToNAA`). */
  fallbackToNetworkAccessAccount: boolean;
}

export interface StateStore {
  id: string;
  /** The share path USMT writes to or reads from. */
  path: string;
  /** The store's encryption key (a secret). */
  encryptionKey: string;
}

export interface UserStatePort {
  /**
   * Runs ScanState.
   * @throws UsmtError with USMT's exit code explained; ('unsupported') when there is no Windows to capture
   */
  capture(request: CaptureUserStateRequest): Promise<UserStateResult>;
  /**
   * Runs LoadState into the running Windows.
   * @throws UsmtError with USMT's exit code explained; ('unsupported') in Windows PE or without a store
   */
  restore(request: RestoreUserStateRequest): Promise<UserStateResult>;
  /**
   * Asks the state migration point for a store, retrying as asked.
   * @throws TaskseqError('unsupported') when no state migration point is configured or none answers
   */
  requestStore(request: StateStoreRequest): Promise<StateStore>;
  /**
   * Tells the state migration point the store's capture or restore is done.
   * @throws TaskseqError('unsupported') when the point refuses or cannot be reached
   */
  releaseStore(id: string, kind: 'capture' | 'restore'): Promise<void>;
}
