const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** `8.2 GiB`; `512.0 MiB` or `12.0 KiB` for smaller sizes (so small test volumes read sensibly). */
export function renderBytes(bytes: number): string {
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(1)} GiB`;
  return bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB` : `${(bytes / KiB).toFixed(1)} KiB`;
}
