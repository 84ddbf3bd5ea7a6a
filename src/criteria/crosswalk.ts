/**
 * A crosswalk: how last year's criteria codes map to this year's when the criteria changed
 * between years, so that an agency is compared field by field on like terms. Written by hand or
 * by `parindex criteria diff --crosswalk`, read by the round (`crosswalk:` in round.yaml).
 */
import { z } from 'zod';
import { readDataFile, DataFileError } from '../core/yaml.js';
import { CriteriaError } from '../findings/errors.js';

const Ref = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*@[0-9A-Za-z][0-9A-Za-z.-]*$/)
  .describe('A criteria set as id@version.');
const Code = z
  .string()
  .regex(/^\d+(\.\d+)*$/)
  .describe('A criteria code such as "1", "1.2" or "1.2.3".');

export const Crosswalk = z
  .strictObject({
    format: z.literal(1),
    kind: z.literal('crosswalk'),
    from: Ref.describe("Last year's set."),
    to: Ref.describe("This year's set."),
    map: z
      .record(Code, Code.nullable())
      .describe(
        'Old code → new code, or null when the node was removed. A group’s mapping carries its descendants ' +
          '("1.2" → "2.2" maps 1.2.1 to 2.2.1); codes not listed keep their code.',
      ),
  })
  .describe('A crosswalk between two versions of a criteria set.');
export type Crosswalk = z.infer<typeof Crosswalk>;

/**
 * This year's code for last year's `code`: the mapping of the code itself or of its nearest
 * listed ancestor, with the rest of the code carried over; the code unchanged when neither is
 * listed; undefined when the mapping says the node was removed.
 */
export function crosswalkCode(cw: Crosswalk, code: string): string | undefined {
  for (let key = code; ; key = key.slice(0, key.lastIndexOf('.'))) {
    if (Object.hasOwn(cw.map, key)) {
      const to = cw.map[key];
      return to === null || to === undefined ? undefined : to + code.slice(key.length);
    }
    if (!key.includes('.')) return code;
  }
}

/** Reads and checks a crosswalk file. Throws `CriteriaError` (cannot run) when it is not one. */
export function loadCrosswalk(path: string, display: string): Crosswalk {
  let data: unknown;
  try {
    data = readDataFile(path, display, 1024 * 1024).data;
  } catch (e) {
    if (e instanceof DataFileError) throw new CriteriaError(e.text);
    throw e;
  }
  const parsed = Crosswalk.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map(String).join('.') || '(root)';
    throw new CriteriaError({
      vi:
        `${display}: không phải bảng đối chiếu mã tiêu chí hợp lệ (${where}: ${issue.message}). Xem định dạng ` +
        `trong README, mục "Criteria sets".`,
      en:
        `${display}: not a valid crosswalk (${where}: ${issue.message}). See the format in the README, ` +
        `"Criteria sets".`,
    });
  }
  return parsed.data;
}
