/**
 * A boot proof for BIOS boot files: a stand-in `bootmgr` that is a tiny real-mode program of our own, which writes a
 * marker to the first serial port and halts, and a run of the disk image in an emulated PC (no KVM needed). The
 * marker on the serial port proves the chain MBR code -> core image -> loader -> bootmgr end to end.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const QEMU = 'qemu-system-x86_64';
const COM1 = 0x3f8;

/** The skip reason of a boot proof when the emulator is absent. */
export const QEMU_SKIP = `needs ${QEMU} (Debian package qemu-system-x86) for the boot proof`;

/** True when the emulator is installed. */
export function qemuAvailable(): boolean {
  return spawnSync('sh', ['-c', `command -v ${QEMU}`]).status === 0;
}

/**
 * A real-mode program that sends `marker` to COM1 and halts: `mov dx, 0x3f8`, then `mov al, <byte>; out dx, al` for
 * each byte, then `cli; hlt` and a jump back to the `hlt`. It uses no memory and no absolute address, so it runs
 * wherever it is loaded.
 */
export function serialMarkerProgram(marker: string): Buffer {
  const bytes = [0xba, COM1 & 0xff, COM1 >> 8];
  for (const b of Buffer.from(marker, 'latin1')) bytes.push(0xb0, b, 0xee);
  bytes.push(0xfa, 0xf4, 0xeb, 0xfd);
  return Buffer.from(bytes);
}

/**
 * Boots the raw disk image (read only: changes go to a throw-away snapshot) until `marker` arrives on the serial
 * port or `timeoutMs` passes; returns what the serial port received.
 */
export async function bootUntilMarker(image: string, serialFile: string, marker: string, timeoutMs = 60_000): Promise<string> {
  const child = spawn(QEMU, [
    '-m', '128', '-display', 'none', '-no-reboot', '-serial', `file:${serialFile}`, '-drive', `file=${image},format=raw,snapshot=on`,
  ], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const read = () => (existsSync(serialFile) ? readFileSync(serialFile, 'latin1') : '');
  try {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until && child.exitCode === null && !read().includes(marker)) await new Promise((r) => setTimeout(r, 200));
    return read();
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}
