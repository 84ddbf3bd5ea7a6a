/** Reading a result.json back: a path in, a checked `RoundResult` out (last year's result, or one to re-render). */
import { readFileSync } from 'node:fs';
import { InputError } from '../findings/errors.js';
import { readReason } from '../messages/intake.js';
import { RoundResult } from './schema.js';

/** Reads and checks a parindex result.json. Throws `InputError` (exit 2) when it is not one. */
export function readResultFile(path: string, display: string = path): RoundResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new InputError({
      vi: `${display}: không đọc được tệp kết quả (${readReason(code, 'vi')}).`,
      en: `${display}: cannot read the result file (${readReason(code, 'en')}).`,
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // The parser's own words ("Expected property name…") mean nothing to the person who sent the file.
    throw new InputError({
      vi:
        `${display}: không phải tệp JSON hợp lệ (tệp bị cắt cụt hoặc đã bị sửa tay?); ` +
        'cần tệp result.json do "parindex score" ghi ra.',
      en:
        `${display}: not valid JSON (cut short or edited by hand?); ` +
        'a result.json written by "parindex score" is needed.',
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
