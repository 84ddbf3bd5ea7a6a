/**
 * Weights for comparing merged units by weighted mean, from a file of their own (`parindex sipas
 * --merged-weights`): the same shape as round.yaml's `merged.weights`, unit code → predecessor → weight.
 */
import { z } from 'zod';
import { DataFileError, readDataFile } from '../core/yaml.js';
import { InputError } from '../findings/errors.js';

const MergedWeights = z.record(z.string().min(1), z.record(z.string().min(1), z.number().positive()));

/** Reads a merged-weights file. Throws `InputError` (exit 2) when it cannot be read or has the wrong shape. */
export function readMergedWeights(path: string): Record<string, Record<string, number>> {
  let data: unknown;
  try {
    data = readDataFile(path, path, 1024 * 1024).data;
  } catch (e) {
    if (e instanceof DataFileError) throw new InputError(e.text);
    throw e;
  }
  const parsed = MergedWeights.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`;
    throw new InputError({
      vi: `${path}: trọng số hợp nhất phải có dạng mã: {mã tiền thân: số dương} (${where}).`,
      en: `${path}: merged weights must be code: {predecessor: positive number} (${where}).`,
    });
  }
  return parsed.data;
}
