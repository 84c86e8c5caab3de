/**
 * The Windows installations on the machine's volumes, and what the capture steps do to the running one: describe an
 * installation (offline from Windows PE, or the running OS), stage the ConfigMgr client for Windows Setup, generalize
 * with Sysprep, and prepare the client for capture. Volumes are addressed by drive letter (`C:`).
 */

export type DomainMembership =
  | { kind: 'workgroup'; name: string }
  | { kind: 'domain'; name: string; ou?: string };

/** Where the ConfigMgr client of an installation stands. */
export type ClientState = 'absent' | 'staged' | 'installed' | 'prepared';

/** One Windows installation, as its own registry describes it. */
export interface WindowsInstallation {
  /** The volume holding it, e.g. `C:`. */
  drive: string;
  /** `Microsoft Windows 11 Enterprise`. */
  caption: string;
  /** Dotted, e.g. `10.0.22631`. */
  version: string;
  /** `Enterprise`, `Professional`, `ServerStandard`... when known. */
  editionId?: string;
  /** `x64`, `x86`, `arm64`. */
  architecture: string;
  /** 1 client, 2 domain controller, 3 server. */
  productType: number;
  /** True after Sysprep generalized it (and for stock install images): the next boot runs Windows Setup. */
  generalized: boolean;
  /** Unset while generalized. */
  computerName?: string;
  membership: DomainMembership;
  registeredOwner?: string;
  registeredOrganization?: string;
  /** Standard name of the time zone (`Pacific Standard Time`). */
  timeZone?: string;
  /** The product key installed in the image is of the OEM channel. */
  oemProductKey: boolean;
  configMgrClient: ClientState;
  /**
   * `Windows\Setup\Scripts\SetupComplete.cmd`: none, the engine's resume hook, or a file of the image's own (which
   * Windows Setup would run instead of the hook, so the sequence would not resume).
   */
  setupComplete: 'none' | 'resume-hook' | 'custom';
}

export interface StageClientRequest {
  /** The volume of the applied Windows. */
  drive: string;
  /** The client package (`_SMSClientPackageID`), when the sequence names one. */
  packageId?: string;
  /** `SMSClientInstallProperties`: kept for the installation at first boot. */
  installProperties: string;
}

export interface GeneralizeRequest {
  /** `OSDKeepActivation`: keep the activation state through Sysprep. */
  keepActivation: boolean;
  /** `OSDBuildStorageDriverList` (legacy mass-storage list); recorded, no effect on current Windows. */
  buildMassStorageList: boolean;
}

/** One network adapter's TCP/IP settings, as Capture Network Settings records them. */
export interface AdapterSettings {
  name: string;
  /** `A4:BB:6D:4E:21:9C`. */
  macAddress: string;
  /** Enumeration order. */
  index: number;
  dhcp: boolean;
  ipAddresses: string[];
  subnetMasks: string[];
  gateways: string[];
  dnsServers: string[];
  dnsDomain?: string;
}

export interface JoinRequest {
  kind: 'domain' | 'workgroup';
  /** Domain DNS name or workgroup name. */
  name: string;
  /** `OU=...` (no `LDAP://`). */
  ou?: string;
  /** `DOMAIN\user`; required for a domain. */
  account?: string;
  /** Secret; absent = a blank password is tried. */
  password?: string;
}

export interface WindowsPort {
  /** The Windows installation on a volume, or undefined when the volume holds none. */
  describe(drive: string): WindowsInstallation | undefined;
  /** The Windows running now, or undefined in Windows PE. */
  running(): WindowsInstallation | undefined;
  /**
   * Stages the ConfigMgr client in an applied Windows so that it installs (in provisioning mode) at its first boot.
   * @throws TaskseqError('unsupported') when the volume holds no Windows
   */
  stageClient(request: StageClientRequest): void;
  /**
   * Puts the engine's resume hook (`Windows\Setup\Scripts\SetupComplete.cmd`) into an applied Windows, so the
   * sequence starts again when Windows Setup finishes. The caller checks first that no other such file exists.
   * @throws TaskseqError('unsupported') when the volume holds no Windows or cannot be written
   */
  installResumeHook(drive: string): void;
  /**
   * Runs Sysprep on the running Windows: generalize, OOBE at the next boot.
   * @throws TaskseqError('unsupported') in Windows PE or when the machine is joined to a domain
   */
  generalize(request: GeneralizeRequest): Promise<void>;
  /**
   * Removes the running client's identity (site assignment, certificates, unique id) so a captured image does not
   * clone it. Returns false when no client is installed.
   * @throws TaskseqError('unsupported') in Windows PE
   */
  prepareClientForCapture(): Promise<boolean>;
  /**
   * The running Windows' network adapters and their settings (enumeration order).
   * @throws TaskseqError('unsupported') in Windows PE
   */
  adapters(): AdapterSettings[];
  /**
   * Joins the running Windows to a domain or workgroup (effective after a restart).
   * @throws TaskseqError('unsupported') in Windows PE, without an account for a domain, or when the domain refuses
   */
  join(request: JoinRequest): Promise<void>;
}
