// Preloaded into runs of the binary under test: writes the process's peak resident memory (KB)
// to PARINDEX_PEAK_FILE as it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.PARINDEX_PEAK_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
