/** Byte counts as the image and capture steps write them in the log and in messages (pure). */

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** `12.3 GiB` / `512 MiB`. */
export function formatSize(bytes: number): string {
  return bytes >= GIB ? `${(bytes / GIB).toFixed(1)} GiB` : `${Math.ceil(bytes / MIB)} MiB`;
}
