/**
 * Files on the machine's volumes, by drive letter (`C:`) and a path inside the volume (`Windows\Panther\unattend.xml`):
 * what steps that prepare an OS need (wipe a volume but keep protected folders, write an answer file).
 */
export interface VolumesPort {
  /** Text of a file, or undefined when it does not exist. */
  readFile(letter: string, path: string): string | undefined;
  /**
   * Writes a text file, creating its folders.
   * @throws TaskseqError('unsupported') when the volume does not exist, is not formatted or is full.
   */
  writeFile(letter: string, path: string, content: string): void;
  exists(letter: string, path: string): boolean;
  /** Names in a folder (`''` = the volume's root). */
  list(letter: string, folder?: string): string[];
  /**
   * Deletes everything on the volume except the top-level entries named in `keep` (case-insensitive); returns how
   * many top-level entries were removed.
   */
  wipe(letter: string, keep: readonly string[]): number;
  /** Bytes free on the volume. */
  freeBytes(letter: string): number;
}
