/**
 * The Imaging port on Windows: WIMs read with the project's reader, and the planner's DISM and bcdboot actions run
 * through the host's runner (`/Apply-Image`, `/Capture-Image` or `/Append-Image`, `/Add-Driver`, `bcdboot`).
 */
import { existsSync, rmSync } from 'node:fs';
import { type AddDriversResult, type Architecture, type DiskFacts, type ImagingPort } from '../../../engine/index.ts';
import { shareNames, type ConnectedShare } from '../host-files/shares.ts';
import { readWim } from '../../formats/wim/index.ts';
import { planMachine, type CommandPlanner } from '../plan/command-plan.ts';
import { prepareOutputPath, resolveImagePath } from '../simulated/index.ts';
import { runWindowsActions, type ToolRun } from './run-windows-tool.ts';

export interface WindowsImagingDeps {
  tool: ToolRun;
  planner: CommandPlanner;
  disks(): DiskFacts[];
  architecture: Architecture;
  /** The folder a volume's files are reached through. */
  volumeRoot(letter: string): string;
  /** The network shares the run reaches (`--share`): DISM is given their paths as written, the WIM is read through the folder. */
  shares: readonly ConnectedShare[];
  /** Called after an image was applied to a volume (the Windows port describes it from the image's metadata). */
  applied(letter: string, path: string, index: number): void;
}

/** `Installing 1 of 2 - C:\d\x.inf: The driver package was successfully installed.` */
const INSTALLED = /^Installing \d+ of \d+ - (.+?): The driver package was successfully installed\.?$/;

export function createWindowsImaging(deps: WindowsImagingDeps): ImagingPort {
  const places = { volumeRoot: (l: string) => deps.volumeRoot(l), shares: deps.shares };
  const hostPath = (path: string) => resolveImagePath(path, places).host;
  const machine = () => planMachine(deps.disks(), deps.architecture);
  return {
    inspect: (path) => readWim(hostPath(path)),
    async apply(request) {
      const wim = readWim(hostPath(request.path));
      const tool = { ...deps.tool, ...(request.onProgress ? { onProgress: request.onProgress } : {}) };
      await runWindowsActions(tool, deps.planner.applyImage(request, wim.parts, machine()), `cannot apply ${request.path}`);
      deps.applied(request.target, request.path, request.index);
      const image = wim.images.find((i) => i.index === request.index);
      return { files: image?.fileCount ?? 0, bytes: image?.totalBytes ?? 0 };
    },
    async capture(request) {
      const path = prepareOutputPath(request.path, places).host;
      const before = request.mode === 'append' && existsSync(path) ? readWim(path).images.length : 0;
      // DISM will not create over an existing file.
      if (request.mode === 'create') rmSync(path, { force: true });
      const tool = { ...deps.tool, ...(request.onProgress ? { onProgress: request.onProgress } : {}) };
      await runWindowsActions(tool, deps.planner.captureImage(request, machine()), `cannot capture ${request.source}`);
      return { index: before + 1 };
    },
    connectedShares: () => shareNames(deps.shares),
    writeBootFiles: (request) => runWindowsActions(deps.tool, deps.planner.writeBootFiles(request, machine()), `cannot write boot files for ${request.windowsPath}`),
    async addDrivers(request) {
      const result: AddDriversResult = { added: [], rejected: [] };
      const lines: string[] = [];
      const tool = { ...deps.tool, run: async (r: Parameters<ToolRun['run']>[0]) => {
        const out = await deps.tool.run(r);
        lines.push(...out.stdout.split(/\r?\n/));
        return out;
      } };
      await runWindowsActions(tool, deps.planner.addDrivers(request, machine()), `cannot add drivers to ${request.target}`);
      for (const line of lines) {
        const m = INSTALLED.exec(line.trim());
        if (m) result.added.push({ inf: m[1]!, storeFolder: 'Windows\\System32\\DriverStore\\FileRepository' });
      }
      return result;
    },
  };
}
