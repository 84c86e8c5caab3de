/**
 * Frees the socket and stream buffers a large transfer leaves behind. Node allocates a fresh 64 KiB buffer for every
 * socket read and another for every HTTP body chunk; V8 frees them only when it collects its young generation, which
 * a stream that creates few JavaScript objects triggers only after ~64 MB of such buffers. Measured here on 1 GiB
 * from nginx: the process then peaked ~30 MB higher, and glibc's heap trimming, returning and re-faulting those pages,
 * halved the receive rate in about half of the runs (430 vs 1,060 MiB/s). A young-generation collection per batch (2 MiB)
 * costs well under a millisecond and keeps both flat.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

type Collect = (options: { type: 'minor' }) => void;
let collect: Collect | undefined;

/** Runs a young-generation (minor) garbage collection now. */
export function collectYoungGarbage(): void {
  if (!collect) {
    // The flag only reaches contexts created after it is set: hence the one new context that hands out its `gc`.
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as Collect;
  }
  collect({ type: 'minor' });
}
