/** Options that more than one command takes, parsed in one place. */
import { UsageError } from '../findings/errors.js';

/** The --scorecards option: sheets or long. */
export function scorecardsOption(value: string): 'sheets' | 'long' {
  if (value === 'sheets' || value === 'long') return value;
  throw new UsageError({
    vi: `--scorecards nhận "sheets" hoặc "long", không phải "${value}".`,
    en: `--scorecards takes "sheets" or "long", not "${value}".`,
  });
}
