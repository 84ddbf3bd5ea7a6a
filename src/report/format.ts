/** Display formatting shared by the text renderers: numbers as users write them, changes, widths. */
import type { Lang } from '../messages/types.js';

/** A rounded value printed with `decimals` places; Vietnamese uses a decimal comma. */
export function fmtNumber(value: number, decimals: number, lang: Lang): string {
  const s = value.toFixed(decimals);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/** "91,43%" / "91.43%". */
export function fmtPercent(value: number, decimals: number, lang: Lang): string {
  return fmtNumber(value, decimals, lang) + '%';
}

/** Rank change in words: "tăng 3 bậc" / "up 3", "giảm 1 bậc" / "down 1", "giữ nguyên" / "same", "mới" / "new". */
export function fmtRankChange(
  change: number | undefined,
  isNew: boolean | undefined,
  lang: Lang,
  short = false,
): string {
  if (isNew) return lang === 'vi' ? 'mới' : 'new';
  if (change === undefined) return '';
  if (change === 0) return short ? '=' : lang === 'vi' ? 'giữ nguyên' : 'same';
  if (short) return change > 0 ? `▲${change}` : `▼${-change}`;
  if (lang === 'vi') return change > 0 ? `tăng ${change} bậc` : `giảm ${-change} bậc`;
  return change > 0 ? `up ${change}` : `down ${-change}`;
}

/** Pads or cuts to a display width (NFC text: one code point per column for Vietnamese). */
export function cell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const chars = [...text.normalize('NFC')];
  const cut = chars.length > width ? chars.slice(0, width - 1).join('') + '…' : chars.join('');
  const pad = ' '.repeat(Math.max(0, width - [...cut].length));
  return align === 'left' ? cut + pad : pad + cut;
}

/** dd/mm/yyyy for Vietnamese, ISO for English. */
export function fmtDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-');
  return lang === 'vi' ? `${d}/${m}/${y}` : iso;
}
