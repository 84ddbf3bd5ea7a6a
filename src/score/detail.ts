/**
 * Item sentences: an item, the agency's inputs and the item's score in; how its points came about,
 * in words (vi and en) out, for scorecards and findings ("45/47 = 95,74% → 2 điểm").
 */
import { Rational } from '../core/rational.js';
import type { Item } from '../criteria/schema.js';
import { textIn } from '../criteria/tree.js';
import type { Lang } from '../messages/types.js';
import type { ItemScore } from './types.js';
import type { ItemInput } from '../validate/submission.js';

/** Both languages of the detail text. */
export function itemDetail(item: Item, input: ItemInput | undefined, score: ItemScore): { vi: string; en: string } {
  return { vi: detailIn(item, input, score, 'vi'), en: detailIn(item, input, score, 'en') };
}

function detailIn(item: Item, input: ItemInput | undefined, score: ItemScore, lang: Lang): string {
  const vi = lang === 'vi';
  const n = (r: Rational, d = 2): string => {
    const s = r.toFixed(d).replace(/\.?0+$/, '');
    return vi ? s.replace('.', ',') : s;
  };
  const pts = (r: Rational): string => `${n(r)} ${vi ? 'điểm' : r.eq(Rational.ONE) ? 'point' : 'points'}`;
  switch (score.basis) {
    case 'excluded':
      return vi ? 'không áp dụng cho loại cơ quan này' : 'does not apply to this kind of agency';
    case 'not-applicable':
      return vi ? 'cơ quan đánh dấu không áp dụng' : 'marked not applicable by the agency';
    case 'survey-share': {
      const from = score.surveyFrom?.table
        ? `${vi ? 'điều tra XHH' : 'survey'} (${score.surveyFrom.valid.toLocaleString(vi ? 'vi-VN' : 'en-US')} ` +
          `${vi ? 'phiếu' : 'respondents'}): `
        : score.surveyFrom
          ? `SIPAS ${score.surveyFrom.measure} (${score.surveyFrom.valid.toLocaleString(vi ? 'vi-VN' : 'en-US')} ` +
            `${vi ? 'câu trả lời hợp lệ' : 'valid answers'}): `
          : '';
      return (
        `${from}${vi ? 'tỷ lệ hài lòng' : 'satisfaction'} ${n(score.share!.mul(Rational.HUNDRED))}% × ` +
        `${n(score.max)} → ${pts(score.final)}`
      );
    }
    case 'survey-points':
      return `${vi ? 'điểm điều tra XHH' : 'survey points'} → ${pts(score.final)}`;
    case 'missing':
      return item.source === 'survey'
        ? vi
          ? 'chưa có số liệu điều tra'
          : 'no survey data'
        : vi
          ? 'không tự chấm'
          : 'not self-scored';
    case 'appraisal':
    case 'self': {
      const raw = input ? inputsIn(item, input, lang) : '';
      // A value outside 0…max is clamped: the sentence says what was applied, not the raw value.
      let self: string;
      if (score.self === undefined) self = raw || (vi ? 'không tự chấm' : 'not self-scored');
      else if (score.basis === 'self' && !score.self.eq(score.final))
        self =
          `${raw || `${vi ? 'tự chấm' : 'self-scored'} ${n(score.self)}`} → ` +
          clampedText(score.self, score.max, score.final, lang);
      else self = `${raw ? `${raw} → ` : ''}${pts(score.self)}`;
      if (score.basis === 'self') return self;
      const appraised = score.appraised ?? score.final;
      if (!appraised.eq(score.final))
        return (
          `${self}; ${vi ? 'thẩm định' : 'appraised'} ${n(appraised)} → ` +
          clampedText(appraised, score.max, score.final, lang)
        );
      return `${self}; ${vi ? 'thẩm định' : 'appraised'} ${pts(score.final)}`;
    }
    default: {
      const never: never = score.basis;
      return String(never);
    }
  }
}

/**
 * What was applied to a value outside 0…max: "vượt tối đa 9, tính 9 điểm" /
 * "above the maximum 9, counted 9 points".
 */
function clampedText(value: Rational, max: Rational, final: Rational, lang: Lang): string {
  const vi = lang === 'vi';
  const n = (r: Rational): string => {
    const s = r.toFixed(2).replace(/\.?0+$/, '');
    return vi ? s.replace('.', ',') : s;
  };
  const counted = `${n(final)} ${vi ? 'điểm' : final.eq(Rational.ONE) ? 'point' : 'points'}`;
  if (value.gt(max))
    return vi ? `vượt tối đa ${n(max)}, tính ${counted}` : `above the maximum ${n(max)}, counted ${counted}`;
  return vi ? `dưới 0, tính ${counted}` : `below 0, counted ${counted}`;
}

/** The agency's raw inputs in words, per rule kind. */
export function inputsIn(item: Item, input: ItemInput, lang: Lang): string {
  const vi = lang === 'vi';
  const n = (r: Rational, d = 2): string => {
    // Only zeros after the decimal point go: 40/50 stays 40/50 (it read 4/5).
    const s = d === 0 ? r.toFixed(0) : r.toFixed(d).replace(/\.?0+$/, '');
    return vi ? s.replace('.', ',') : s;
  };
  const rule = item.rule;
  switch (rule.kind) {
    case 'choice': {
      const opt = rule.options.find((o) => o.id === input.option);
      return opt ? textIn(opt.label, lang) : '';
    }
    case 'boolean':
      return input.yes === undefined ? '' : input.yes ? (vi ? 'Đạt' : 'Yes') : vi ? 'Không đạt' : 'No';
    case 'bands':
      if (input.numerator !== undefined && input.denominator !== undefined && !input.denominator.isZero())
        return (
          `${n(input.numerator, 0)}/${n(input.denominator, 0)} = ` +
          `${n(input.numerator.div(input.denominator).mul(Rational.HUNDRED))}%`
        );
      if (input.percent !== undefined) return `${n(input.percent)}%`;
      return '';
    case 'deduction':
    case 'count':
      return input.count === undefined ? '' : `${input.count} ${textIn(rule.unit, lang) || (vi ? 'lần' : 'times')}`;
    case 'points':
      return input.points === undefined ? '' : `${vi ? 'tự chấm' : 'self-scored'} ${n(input.points)}`;
    case 'survey':
      return '';
    default: {
      const never: never = rule;
      return String(never);
    }
  }
}
