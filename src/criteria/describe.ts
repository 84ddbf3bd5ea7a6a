/** Scoring rules in words, for templates, `criteria show` and scorecards. */
import { num, type Lang } from '../messages/types.js';
import type { Item, Rule } from './schema.js';
import { textIn } from './tree.js';

/** One sentence saying how the item is scored, in the user's language. */
export function describeRule(item: Item, lang: Lang): string {
  const r: Rule = item.rule;
  const p = (x: number): string => num(x, lang);
  const vi = lang === 'vi';
  switch (r.kind) {
    case 'points':
      return vi
        ? `Nhập điểm từ 0 đến ${p(item.max)}, bước ${p(r.step ?? 0.25)} điểm.`
        : `Enter points from 0 to ${p(item.max)} in steps of ${p(r.step ?? 0.25)}.`;
    case 'choice':
      return (
        r.options.map((o) => `${textIn(o.label, lang)}: ${p(o.points)}`).join('; ') + (vi ? ' (điểm).' : ' (points).')
      );
    case 'boolean':
      return vi ? `Đạt: ${p(item.max)} điểm; không đạt: 0 điểm.` : `Yes: ${p(item.max)} points; no: 0.`;
    case 'bands': {
      const what =
        r.input === 'ratio'
          ? vi
            ? `Tỷ lệ = ${textIn(r.numerator, lang) || 'tử số'} ÷ ${textIn(r.denominator, lang) || 'mẫu số'}. `
            : `Ratio = ${textIn(r.numerator, lang) || 'numerator'} ÷ ${textIn(r.denominator, lang) || 'denominator'}. `
          : vi
            ? 'Nhập tỷ lệ phần trăm. '
            : 'Enter the percentage. ';
      const bands = [...r.bands]
        .sort((a, b) => b.min - a.min || b.max - a.max)
        .map((b) => {
          // A one-value band at this band's lower end takes that value: the band starts above it.
          const above = b.min !== b.max && r.bands.some((x) => x.min === b.min && x.max === b.min);
          const from = vi
            ? above
              ? `trên ${p(b.min)}%`
              : `từ ${p(b.min)}%`
            : above
              ? `over ${p(b.min)}%`
              : `${p(b.min)}%`;
          const range =
            b.min === b.max
              ? `${p(b.min)}%`
              : b.max === 100 && !r.bands.some((x) => x.min === 100 && x.max === 100)
                ? vi
                  ? above
                    ? from
                    : `${from} trở lên`
                  : above
                    ? from
                    : `${from} or more`
                : vi
                  ? `${from} đến dưới ${p(b.max)}%`
                  : `${from} to under ${p(b.max)}%`;
          const pts =
            b.linearTo !== undefined
              ? vi
                ? `${p(b.points)}–${p(b.linearTo)} điểm theo tỷ lệ`
                : `${p(b.points)}–${p(b.linearTo)} points in proportion`
              : vi
                ? `${p(b.points)} điểm`
                : `${p(b.points)} ${b.points === 1 ? 'point' : 'points'}`;
          return `${range}: ${pts}`;
        });
      return what + bands.join('; ') + '.';
    }
    case 'deduction':
      return vi
        ? `Tối đa ${p(item.max)} điểm, trừ ${p(r.perUnit)} điểm cho mỗi ${textIn(r.unit, lang) || 'vi phạm'}, ` +
            `thấp nhất 0.`
        : `${p(item.max)} points, less ${p(r.perUnit)} for each ${textIn(r.unit, lang) || 'violation'}, not below 0.`;
    case 'count':
      return vi
        ? `${p(r.perUnit)} điểm cho mỗi ${textIn(r.unit, lang) || 'lần'}, tối đa ${p(item.max)} điểm.`
        : `${p(r.perUnit)} points for each ${textIn(r.unit, lang) || 'unit'}, at most ${p(item.max)}.`;
    case 'survey':
      return vi
        ? `Điểm = ${p(item.max)} × tỷ lệ hài lòng từ điều tra xã hội học${r.measure ? ` (${r.measure})` : ''}; ` +
            `cơ quan không tự chấm.`
        : `Points = ${p(item.max)} × the satisfaction share from the ` +
            `survey${r.measure ? ` (${r.measure})` : ''}; not self-scored.`;
    default: {
      const never: never = r;
      return String(never);
    }
  }
}

/** Short name of a rule kind in the user's language. */
export function ruleKindLabel(kind: Rule['kind'], lang: Lang): string {
  const vi: Record<Rule['kind'], string> = {
    points: 'chấm điểm',
    choice: 'chọn phương án',
    boolean: 'đạt/không đạt',
    bands: 'theo tỷ lệ',
    deduction: 'trừ điểm',
    count: 'đếm số lần',
    survey: 'điều tra XHH',
  };
  const en: Record<Rule['kind'], string> = {
    points: 'points',
    choice: 'choice',
    boolean: 'yes/no',
    bands: 'ratio bands',
    deduction: 'deduction',
    count: 'count',
    survey: 'survey',
  };
  return (lang === 'vi' ? vi : en)[kind];
}
