/**
 * Property tests run on a fixed seed, so that CI on the same commit gives the same verdict; set
 * FC_SEED to explore other inputs locally (a failure prints the seed and path to replay it).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20251015) });
