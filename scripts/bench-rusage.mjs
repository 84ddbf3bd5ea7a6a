/**
 * Preloaded by the benchmarks (`node --import scripts/bench-rusage.mjs …`): at exit, writes the
 * process's resource usage (CPU time, peak RSS) to the file named by BENCH_RUSAGE_OUT.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_RUSAGE_OUT;
if (out) process.on('exit', () => writeFileSync(out, JSON.stringify(process.resourceUsage())));
