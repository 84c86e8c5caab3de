/** The machine as the Linux backend's boot files need it, from the backend that calls. */
import type { DeviceNames, PlanMachine } from '../../plan/command-plan.ts';
import type { LinuxFirmware } from '../probe/index.ts';

export interface BootFilesMachine extends PlanMachine {
  /** Real device paths of disks and partitions (a partition's own loop device where the kernel made no node). */
  names: DeviceNames;
  firmware: LinuxFirmware;
  /** Where the volume of `request.windowsPath`'s drive is mounted on this host. */
  windowsVolumeRoot: string;
  /**
   * Where the volume with this letter is mounted on this host (BIOS: the active system partition); undefined when
   * it is not mounted.
   */
  volumeRoot?: (letter: string) => string | undefined;
  /** Run log lines (the reason no firmware entry was added). */
  log: (line: string) => void;
  /** The BCD store's last-written time; now when absent. */
  now?: () => Date;
  /** Where boot.img is taken from: GRUB's i386-pc folder when absent (another folder only in tests). */
  grubFolder?: string;
}
