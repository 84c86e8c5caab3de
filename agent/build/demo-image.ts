/**
 * The demo's install image (`examples/content/DMO00010/install.wim`): a Windows-shaped tree of small stand-in files
 * with the metadata of a Windows 11 Enterprise x64 image. Apply Operating System Image checks the architecture, the
 * boot files need `Windows\System32`, and the installation the simulated machine derives from the image takes its
 * caption, version, edition and language from this metadata. The tree is described here, not kept as a folder, so
 * that the committed WIM and its source cannot drift apart unnoticed (`test/e2e/demo.test.ts` compares them).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where the demo sequence's content folder keeps the image, relative to the repository root. */
export const DEMO_IMAGE_PATH = 'examples/content/DMO00010/install.wim';

const stub = (what: string): string => `taskseq demo image: stands in for ${what}; not a Windows file\r\n`;

/** The files of the image, `/`-separated paths relative to the volume root. */
export const DEMO_IMAGE_FILES: Readonly<Record<string, string>> = {
  'Windows/explorer.exe': stub('the Windows shell'),
  'Windows/System32/ntoskrnl.exe': stub('the kernel'),
  'Windows/System32/winload.efi': stub('the UEFI OS loader'),
  'Windows/System32/winload.exe': stub('the BIOS OS loader'),
  'Windows/System32/cmd.exe': stub('the command interpreter'),
  'Windows/System32/config/SYSTEM': stub('the SYSTEM registry hive'),
  'Windows/System32/config/SOFTWARE': stub('the SOFTWARE registry hive'),
  'Windows/System32/config/SAM': stub('the SAM registry hive'),
  'Windows/System32/drivers/etc/hosts': '# Name resolution entries of the demo image (none).\r\n',
  'Windows/Boot/EFI/bootmgfw.efi': stub('the UEFI boot manager'),
  'Windows/Boot/PCAT/bootmgr': stub('the BIOS boot manager'),
  'Users/Default/NTUSER.DAT': stub('the default user profile hive'),
  'Program Files/Common Files/readme.txt': 'Programs installed later in the deployment go under Program Files.\r\n',
};

/** XML metadata of image 1 (`wimlib-imagex info --image-property`), as a Windows 11 23H2 install image has it. */
export const DEMO_IMAGE_PROPERTIES: Readonly<Record<string, string>> = {
  'WINDOWS/ARCH': '9',
  'WINDOWS/PRODUCTNAME': 'Microsoft Windows Operating System',
  'WINDOWS/EDITIONID': 'Enterprise',
  'WINDOWS/INSTALLATIONTYPE': 'Client',
  'WINDOWS/PRODUCTTYPE': 'WinNT',
  'WINDOWS/SYSTEMROOT': 'WINDOWS',
  'WINDOWS/LANGUAGES/LANGUAGE': 'en-US',
  'WINDOWS/LANGUAGES/DEFAULT': 'en-US',
  'WINDOWS/VERSION/MAJOR': '10',
  'WINDOWS/VERSION/MINOR': '0',
  'WINDOWS/VERSION/BUILD': '22631',
  'WINDOWS/VERSION/SPBUILD': '4460',
};

export const DEMO_IMAGE_NAME = 'Windows 11 Enterprise';
const DESCRIPTION = 'taskseq demo image: a Windows-shaped tree of small stand-in files';
// A fixed time for every file keeps the image's contents the same from one build to the next.
const FILE_TIME = new Date('2024-11-12T09:14:00Z');

function wimlib(args: string[]): void {
  execFileSync('wimlib-imagex', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Writes the demo image to `wim` (replacing it) with wimlib-imagex: the tree goes through a temporary folder.
 * @throws when wimlib-imagex is missing or fails
 */
export function buildDemoImage(wim: string): void {
  const tree = mkdtempSync(join(tmpdir(), 'taskseq-demo-image-'));
  try {
    for (const [path, content] of Object.entries(DEMO_IMAGE_FILES)) {
      const file = join(tree, ...path.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      utimesSync(file, FILE_TIME, FILE_TIME);
    }
    mkdirSync(dirname(wim), { recursive: true });
    rmSync(wim, { force: true });
    wimlib(['capture', tree, wim, DEMO_IMAGE_NAME, DESCRIPTION, '--flags=Enterprise', '--compress=LZX']);
    const properties = Object.entries(DEMO_IMAGE_PROPERTIES).flatMap(([k, v]) => ['--image-property', `${k}=${v}`]);
    wimlib(['info', wim, '1', ...properties]);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}
