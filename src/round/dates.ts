/** Dates in the round's tables (appraisal and explanation rows), as users write them. */
import { valueText, type GridCell } from '../load/grid.js';

/**
 * A date cell as ISO: a date value, an Excel serial number, or text as users write it
 * (25/01/2026, 25-01-2026, 2026-01-25). `bad` carries the text of anything else.
 */
export function dateOfCell(cell: GridCell): { iso: string } | { bad: string } | undefined {
  const v = cell.v;
  if (v.t === 'empty') return undefined;
  if (v.t === 'date') return { iso: v.iso.slice(0, 10) };
  if (v.t === 'number' && v.n > 20000 && v.n < 80000) {
    // Excel's serial day 25569 is 1970-01-01 (the 1900 leap-year bug sits before it).
    return { iso: new Date(Math.round((Math.floor(v.n) - 25569) * 86400000)).toISOString().slice(0, 10) };
  }
  const text = valueText(v).trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  const [y, m, d] = dmy ? [dmy[3]!, dmy[2]!, dmy[1]!] : ymd ? [ymd[1]!, ymd[2]!, ymd[3]!] : [];
  if (y && m && d) {
    const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    const t = new Date(`${iso}T00:00:00Z`);
    if (!Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso) return { iso };
  }
  return { bad: text };
}
