/**
 * Guidance phrasings that `criteria import` turns into rules besides the clause lists of
 * `ruleFromGuidance`: per-unit deductions and additions ("Mỗi báo cáo chậm trừ 0,25 điểm",
 * "cộng 0,5 điểm/sáng kiến"), "tính theo tỷ lệ" as one linear band, and a bare "Đạt/Không đạt".
 * Only whole-text matches count: guidance that says more than the pattern stays text.
 */
import type { Rational } from '../core/rational.js';
import { stripDiacritics } from '../core/text.js';
import { parseNumberText } from '../load/numbers.js';
import type { Rule, Source } from './schema.js';

const N = '(\\d+(?:[.,]\\d+)?)';
const POINTS = '(?:điểm|đ)';
const EACH = '(?:mỗi|cho mỗi|trên mỗi|/ ?mỗi|/)';
const CAP = `(?:,? (?:trừ |cộng )?tối đa (?:không quá )?${N} ${POINTS})?`;

/** "Mỗi báo cáo chậm trừ 0,25 điểm", "trừ 0,25 điểm/báo cáo chậm" → per unit, unit, cap. */
const DEDUCT = [
  new RegExp(`^mỗi (.+?),? (?:thì )?(?:bị )?trừ ${N} ${POINTS}${CAP}$`, 'u'),
  new RegExp(`^(?:bị )?trừ ${N} ${POINTS} ?${EACH} ?(.+?)${CAP}$`, 'u'),
];
/** "Mỗi sáng kiến được 0,5 điểm", "cộng 0,5 điểm/sáng kiến", "0,5 điểm/sáng kiến, tối đa 1 điểm". */
const ADD = [
  new RegExp(`^mỗi (.+?),? (?:thì )?(?:được )?(?:cộng |tính )?${N} ${POINTS}${CAP}$`, 'u'),
  new RegExp(`^(?:được )?(?:cộng |tính )?${N} ${POINTS} ?${EACH} ?(.+?)${CAP}$`, 'u'),
];
/** "Tính theo tỷ lệ", "Điểm = tỷ lệ (%) x điểm tối đa" (compared without diacritics). */
const LINEAR = [
  /^(?:diem )?(?:duoc )?tinh (?:diem )?theo (?:ty le|ti le)(?: %| phan tram)?(?: (?:dat|dat duoc|hoan thanh|thuc te|tuong ung))?$/,
  /^(?:diem (?:=|bang) )?(?:ty le|ti le) ?(?:\(?%\)?|phan tram)? ?(?:x|\*|×|nhan voi|nhan) ?diem toi da$/,
];
/** A bare "Đạt/Không đạt", "Có/Không". */
const YES_NO =
  /^(dat|co|hoan thanh|thuc hien|da ban hanh|ban hanh) ?[/–-] ?(khong dat|chua dat|khong|chua|khong hoan thanh|chua hoan thanh|khong thuc hien|chua ban hanh|khong ban hanh)$/;

function rational(text: string): Rational | undefined {
  const r = parseNumberText(text, 'comma');
  return r.ok ? r.value : undefined;
}

function normal(text: string): string {
  return text.toLowerCase().normalize('NFC').replace(/\s+/g, ' ').trim().replace(/[.;]$/, '').trim();
}

/**
 * A per-unit, linear or yes/no rule from guidance, or undefined. Bonus and penalty items count
 * units (`count`: points per unit, capped at the maximum, added or taken by the item's source);
 * appraisal items deduct (`deduction`: the maximum less the units, floor 0) or count. A cap that
 * differs from the item's maximum leaves the guidance as text.
 */
export function perUnitRule(guidance: string, max: Rational, source: Source): Rule | undefined {
  const t = normal(guidance);
  if (t.includes('\n')) return undefined;
  const capOk = (cap: string | undefined): boolean => cap === undefined || rational(cap)?.eq(max) === true;
  for (const re of DEDUCT) {
    const m = re.exec(t);
    if (!m) continue;
    const [unit, n, cap] = re === DEDUCT[0] ? [m[1]!, m[2]!, m[3]] : [m[2]!, m[1]!, m[3]];
    const per = rational(n);
    if (!per || per.isZero() || per.gt(max) || !capOk(cap)) return undefined;
    const kind = source === 'bonus' || source === 'penalty' ? 'count' : 'deduction';
    return { kind, perUnit: per.toNumber(), unit: { vi: unitText(unit) } };
  }
  for (const re of ADD) {
    const m = re.exec(t);
    if (!m) continue;
    const [unit, n, cap] = re === ADD[0] ? [m[1]!, m[2]!, m[3]] : [m[2]!, m[1]!, m[3]];
    const per = rational(n);
    if (!per || per.isZero() || per.gt(max) || !capOk(cap) || /\btrừ\b/u.test(unit)) return undefined;
    return { kind: 'count', perUnit: per.toNumber(), unit: { vi: unitText(unit) } };
  }
  if (source !== 'appraisal') return undefined;
  const k = stripDiacritics(t);
  if (LINEAR.some((re) => re.test(k)))
    return { kind: 'bands', input: 'percent', bands: [{ min: 0, max: 100, points: 0, linearTo: max.toNumber() }] };
  if (YES_NO.test(k)) return { kind: 'boolean' };
  return undefined;
}

function unitText(unit: string): string {
  return unit.trim().replace(/[:,]$/, '').trim();
}
