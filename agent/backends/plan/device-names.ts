/** The device names of a plan, which probes nothing. */
import type { DeviceNames } from './command-plan.ts';

/** How a plan names devices it has not probed: `<disk 0>`, `<disk 0 partition 3>`. */
export const PLAN_DEVICE_NAMES: DeviceNames = {
  disk: (d) => `<disk ${d.index}>`,
  partition: (d, p) => `<disk ${d.index} partition ${p.number}>`,
};
