/** Options that more than one command takes, parsed in one place. */
import { UsageError } from '../findings/errors.js';

/** The --split-by option: group, none or auto. */
export function splitByOption(value: string): 'group' | 'none' | 'auto' {
  if (value === 'group' || value === 'none' || value === 'auto') return value;
  throw new UsageError({
    vi: `--split-by nhận "group", "none" hoặc "auto", không phải "${value}".`,
    en: `--split-by takes "group", "none" or "auto", not "${value}".`,
  });
}

/** The --scorecards option: sheets or long. */
export function scorecardsOption(value: string): 'sheets' | 'long' {
  if (value === 'sheets' || value === 'long') return value;
  throw new UsageError({
    vi: `--scorecards nhận "sheets" hoặc "long", không phải "${value}".`,
    en: `--scorecards takes "sheets" or "long", not "${value}".`,
  });
}
