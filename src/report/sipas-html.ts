/**
 * The SIPAS result as one self-contained HTML page (no script, nothing fetched): the ranked table of
 * units with respondents, the index, and when last year was given, the rank change, the change in
 * points and the rule each unit was compared by; then each domain's index with its change, the pooled
 * overall, and what was computed how. Deterministic: the same result gives the same bytes.
 */
import type { Lang } from '../messages/types.js';
import { rankedUnits, sipasRoundingNotes } from '../rank/sipas.js';
import type { SipasResult, SipasResultUnit } from '../result/sipas.js';
import { fmtNumber, fmtPercent } from './format.js';
import { esc } from './html-report.js';
import { textOf } from './score-text.js';
import { fmtPoints, sipasBasisText, sipasComparisonText, sipasRankChange } from './sipas-change-text.js';

const CSS =
  'body{margin:0 auto;max-width:1100px;padding:0 16px;color:#1a1a1a;line-height:1.45;' +
  'font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}' +
  'h1{font-size:1.5rem;margin:20px 0 4px}.meta,.note{color:#5f6368;font-size:.9rem}' +
  'table{border-collapse:collapse;font-size:.85rem;margin:12px 0}' +
  'th,td{border-bottom:1px solid #d0d7de;padding:3px 6px;text-align:right;white-space:nowrap}' +
  'th{background:#f6f8fa}th.name,td.name{text-align:left;white-space:normal;min-width:13em}' +
  'td.basis{text-align:left;white-space:normal;min-width:16em;color:#5f6368;font-size:.8rem}' +
  '.up{color:#2e7d32}.down{color:#c62828}.scroll{overflow-x:auto}' +
  'tr.small td{background:#fff8e1}tr.overall td{font-weight:700}.num{font-variant-numeric:tabular-nums}' +
  '@media print{@page{size:A4 landscape}table{font-size:.7rem}.scroll{overflow:visible}}';

export function renderSipasHtml(r: SipasResult, lang: Lang): string {
  const vi = lang === 'vi';
  const t = (a: string, b: string): string => (vi ? a : b);
  const cmp = r.comparison !== undefined;
  const domains = r.overall.domains.map((d) => d.id);
  const title = `SIPAS — ${textOf(r.questionnaire.title, lang)}`;
  const pct = (x: { value: number } | undefined): string => (x ? fmtPercent(x.value, 2, lang) : '—');
  const delta = (x: number | undefined): string => {
    if (x === undefined) return '';
    return `<span class="${x > 0 ? 'up' : x < 0 ? 'down' : ''}">${esc(fmtPoints(x, lang))}</span>`;
  };
  const head = [
    `<th>${t('Hạng', 'Rank')}</th>`,
    ...(cmp ? [`<th>${t('Thay đổi', 'Change')}</th>`] : []),
    `<th class="name">${r.by === 'agency' ? t('Cơ quan', 'Agency') : t('Đối tượng', 'Group')}</th>`,
    `<th>${t('Số phiếu', 'Respondents')}</th>`,
    '<th>SIPAS</th>',
    ...(cmp ? [`<th>${t('Năm trước', 'Last year')}</th>`, `<th>${t('± điểm %', '± points')}</th>`] : []),
    ...domains.map((d) => `<th>${esc(d)}</th>${cmp ? '<th>±</th>' : ''}`),
    ...(cmp ? [`<th class="name">${t('So sánh với', 'Compared with')}</th>`] : []),
  ];
  const row = (u: SipasResultUnit, overall: boolean): string => {
    const p = u.previous;
    const rc = overall ? '' : sipasRankChange(u, lang);
    const cls = overall ? ' class="overall"' : u.smallSample ? ' class="small"' : '';
    const name = overall ? t('Chung (gộp mọi phiếu)', 'Overall (all respondents)') : `${u.code} ${u.name ?? ''}`;
    const cells = [
      `<td>${u.rank === undefined ? '' : `${u.rank}/${u.rankOf}`}</td>`,
      ...(cmp ? [`<td class="${rc.startsWith('▲') ? 'up' : rc.startsWith('▼') ? 'down' : ''}">${esc(rc)}</td>`] : []),
      `<td class="name">${esc(name.trim())}</td>`,
      `<td class="num">${esc(fmtNumber(u.respondents, 0, lang))}</td>`,
      `<td class="num">${esc(pct(u.index))}</td>`,
      ...(cmp
        ? [`<td class="num">${esc(pct(p?.previous))}</td>`, `<td class="num">${delta(p?.change.value)}</td>`]
        : []),
      ...u.domains.map((d) => {
        const ch = p?.measures.find((m) => m.id === d.id)?.change.value;
        return `<td class="num">${esc(pct(d.index))}</td>${cmp ? `<td class="num">${delta(ch)}</td>` : ''}`;
      }),
      ...(cmp ? [`<td class="basis">${esc(sipasBasisText(u, lang))}</td>`] : []),
    ];
    return `<tr${cls}>${cells.join('')}</tr>`;
  };
  const notes = sipasRoundingNotes(r.units).map((n) =>
    t(
      `${n.codes.join(', ')} cùng hiển thị ${fmtPercent(n.value, 2, lang)} nhưng khác nhau ở giá trị ` +
        'chính xác, nên khác hạng.',
      `${n.codes.join(', ')} all show ${fmtPercent(n.value, 2, lang)} but differ in exact value, ` +
        'hence different ranks.',
    ),
  );
  const small = r.units.filter((u) => u.smallSample).length;
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(`${r.tool.name} ${r.tool.version}`)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${esc(title)}</h1>`,
    `<p class="meta"><code>${esc(r.questionnaire.ref)}</code>` +
      `${r.questionnaire.illustrative ? esc(t(' (minh hoạ)', ' (illustrative)')) : ''}</p>`,
    ...(r.comparison ? [`<p class="note">${esc(sipasComparisonText(r.comparison, lang))}</p>`] : []),
    '<div class="scroll"><table>',
    `<thead><tr>${head.join('')}</tr></thead>`,
    '<tbody>',
    ...rankedUnits(r.units).map((u) => row(u, false)),
    row(r.overall, true),
    '</tbody></table></div>',
    ...notes.map((n) => `<p class="note">${esc(n)}</p>`),
    ...(small > 0
      ? [
          `<p class="note">${esc(
            t(
              `${small} đơn vị dưới cỡ mẫu tối thiểu ${r.minSample} phiếu (tô vàng): chỉ số kém tin cậy.`,
              `${small} below the minimum sample of ${r.minSample} respondents (yellow): indices less reliable.`,
            ),
          )}</p>`,
        ]
      : []),
    `<p class="note">${esc(
      t(
        'Chỉ số câu hỏi = số phiếu hài lòng ÷ số phiếu trả lời hợp lệ × 100; yếu tố = trung bình các câu; khối và ' +
          'chỉ số chung theo trọng số khai báo trong bộ câu hỏi. Làm tròn 2 chữ số, một lần.',
        'Item index = satisfied ÷ valid answers × 100; element = mean of its items; domains and overall by the ' +
          "questionnaire's declared weights. Rounded once to 2 decimals.",
      ),
    )}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
