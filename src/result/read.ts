/** Reading a result.json back: a path in, a checked `RoundResult` out (last year's result, or one to re-render). */
import { readFileSync } from 'node:fs';
import { InputError } from '../findings/errors.js';
import { RoundResult } from './schema.js';

/** Reads and checks a parindex result.json. Throws `InputError` (exit 2) when it is not one. */
export function readResultFile(path: string, display: string = path): RoundResult {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError({
      vi: `${display}: không đọc được tệp kết quả (${(e as Error).message}).`,
      en: `${display}: cannot read the result file (${(e as Error).message}).`,
    });
  }
  const parsed = RoundResult.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    throw new InputError({
      vi: `${display}: không phải tệp result.json của parindex (${where}: ${issue?.message ?? ''}).`,
      en: `${display}: not a parindex result.json (${where}: ${issue?.message ?? ''}).`,
    });
  }
  return parsed.data;
}
