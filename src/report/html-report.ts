/**
 * The HTML report of a round: one self-contained page (inline CSS and SVG, no script, no
 * network, a Content-Security-Policy that forbids fetching anything) with the summary per
 * group, a ranked bar chart per group with the band thresholds and the change in rank, the
 * fields heatmap, and a card per agency with its field profile against the group mean and
 * its largest gaps. All text is real text, escaped. Deterministic: a pure function of the result.
 */
import { historyLine } from './history.js';
import { historyStepText, selfGapLine } from './explain-text.js';
import type { Lang } from '../messages/types.js';
import type { AgencyResult, CriteriaRef, GroupResult, ItemResult, RoundResult } from '../result/schema.js';
import { fmtDate, fmtNumber, fmtPercent, fmtRankChange } from './format.js';
import { comparisonBasis, indexRange, rankRange } from './certainty-text.js';
import { textOf } from './score-text.js';
import { reportView, type ReportView } from './view.js';
import { adjustmentLabel, scorecardRows, signedPoints } from './scorecard.js';
import { agencyMarks, groupExtremes, groupMarkCounts, type GroupEnd } from './marks.js';

/**
 * Above this many agencies in a group, its heatmap shows the group mean and the agency cards are left to the Excel
 * report.
 */
export const HTML_DETAIL_MAX = 300;
/** Items listed as the largest gaps on a card. */
const GAPS_SHOWN = 5;

const BAND_COLOURS = ['#2e7d32', '#1565c0', '#b26a00', '#c62828', '#616161'];

export interface HtmlReportOptions {
  lang: Lang;
}

export function renderHtmlReport(result: RoundResult, opts: HtmlReportOptions): string {
  const { lang } = opts;
  const v = reportView(result, lang);
  const vi = lang === 'vi';
  const t = (viText: string, enText: string): string => (vi ? viText : enText);
  const title = `${result.round.name} (${result.round.year})`;
  const parts: string[] = [];
  parts.push(
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; ` +
      `img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(`${result.tool.name} ${result.tool.version}`)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">${esc(t('Ngày báo cáo', 'Report date'))}: ${esc(fmtDate(result.round.date, lang))} · ` +
      `${result.criteria
        .map((c) => `${esc(textOf(c.title, lang))} (<code>${esc(c.ref)}</code>, ${esc(c.decision.number)})`)
        .join(' · ')}</p>`,
    '<nav><ul>',
    `<li><a href="#summary">${esc(t('Tổng hợp', 'Summary'))}</a></li>`,
    ...result.groups.map((g, i) => `<li><a href="#group-${i}">${esc(textOf(g.title, lang))}</a></li>`),
    `<li><a href="#fields">${esc(t('Lĩnh vực', 'Fields'))}</a></li>`,
    `<li><a href="#cards">${esc(t('Từng cơ quan', 'Agencies'))}</a></li>`,
    '</ul></nav>',
    '</header>',
    '<main>',
  );

  parts.push(`<section id="summary"><h2>${esc(t('Tổng hợp', 'Summary'))}</h2><div class="tiles">`);
  for (const g of result.groups) parts.push(summaryTile(v, g));
  parts.push('</div></section>');

  result.groups.forEach((g, i) => {
    const set = v.groupSet(g);
    const members = g.agencies.map((c) => v.agency(c)).filter((a): a is AgencyResult => a !== undefined);
    const ranked = members.filter((a) => a.status !== 'missing');
    const missing = members.filter((a) => a.status === 'missing');
    parts.push(`<section id="group-${i}" class="group"><h2>${esc(textOf(g.title, lang))}</h2>`);
    if (set) {
      parts.push(bandLegend(set, lang));
      parts.push(rankChart(v, g, i, ranked, set));
    }
    if (missing.length > 0)
      parts.push(
        `<p class="missing">${esc(t('Chưa nộp hồ sơ, không xếp hạng', 'No submission, not ranked'))}: ` +
          `${missing.map((a) => esc(`${a.name} (${a.code})`)).join(', ')}.</p>`,
      );
    parts.push('</section>');
  });

  parts.push(`<section id="fields"><h2>${esc(t('Chỉ số theo lĩnh vực', 'Index by field'))}</h2>`);
  parts.push(
    `<p class="note">` +
      `${esc(
        t(
          'Mỗi ô là chỉ số của lĩnh vực (điểm đạt ÷ điểm tối ' + 'đa): đỏ từ 50% trở xuống, vàng 75%, xanh 100%.',
          'Each cell is the field index (points ÷ maximum): red at ' + '50% and below, yellow at 75%, green at 100%.',
        ),
      )}` +
      `</p>`,
  );
  parts.push(fieldLegend(v));
  for (const g of result.groups) parts.push(heatmap(v, g));
  parts.push('</section>');

  parts.push(`<section id="cards"><h2>${esc(t('Từng cơ quan', 'Agencies'))}</h2>`);
  for (const g of result.groups) {
    const members = g.agencies
      .map((c) => v.agency(c))
      .filter((a): a is AgencyResult => a !== undefined && a.status !== 'missing');
    if (members.length > HTML_DETAIL_MAX) {
      parts.push(
        `<p class="note">${esc(
          t(
            `${textOf(g.title, lang)}: ${members.length} cơ quan, nhiều hơn ${HTML_DETAIL_MAX}; bảng điểm ` +
              `từng cơ quan xem trong báo cáo Excel hoặc bằng lệnh "parindex explain".`,
            `${textOf(g.title, lang)}: ${members.length} agencies, more than ${HTML_DETAIL_MAX}; see each ` +
              `agency's scorecard in the Excel report or with "parindex explain".`,
          ),
        )}</p>`,
      );
      continue;
    }
    parts.push(`<h3>${esc(textOf(g.title, lang))}</h3><div class="cards">`);
    for (const a of members) parts.push(agencyCard(v, g, a));
    parts.push('</div>');
  }
  parts.push('</section>');

  parts.push(
    '</main>',
    `<footer><p>${esc(t('Tạo bởi', 'Made by'))} ${esc(`${result.tool.name} ${result.tool.version}`)} ${esc(
      t(
        'từ result.json; dữ liệu đầu vào và mã SHA-256 xem ở trang "Thông tin" của báo cáo Excel.',
        'from result.json; the input files and their SHA-256 are on the "About" sheet of the Excel report.',
      ),
    )}</p></footer>`,
    '</body>',
    '</html>',
    '',
  );
  return parts.join('\n');
}

function summaryTile(v: ReportView, g: GroupResult): string {
  const { lang } = v;
  const vi = lang === 'vi';
  const set = v.groupSet(g);
  const dec = set?.rounding.decimals ?? 2;
  const ranked = g.agencies.filter((c) => v.agency(c)?.rank !== undefined).length;
  const x = groupExtremes(g, v.agency, dec, lang);
  // A tied end names every tied agency; a single one keeps its usual name and index.
  const end = (e: GroupEnd | undefined, code: string | undefined): string =>
    e && e.count > 1 ? `${esc(e.names)} <span class="num">${esc(e.index)}</span>${esc(e.tied)}` : name(code);
  const counts = groupMarkCounts(
    g.agencies.map((c) => v.agency(c)).filter((a): a is AgencyResult => a !== undefined),
    lang,
  );
  const name = (code: string | undefined): string => {
    const a = code ? v.agency(code) : undefined;
    return a ? `${esc(a.name)} <span class="num">${esc(fmtPercent(a.total.index.value, dec, lang))}</span>` : '—';
  };
  const bands = g.bands
    .map((b) => {
      const i = set?.bands.findIndex((x) => x.id === b.id) ?? -1;
      const label = textOf(set?.bands.find((x) => x.id === b.id)?.label, lang) || b.id;
      return (
        `<li><span class="swatch" style="background:${bandColour(i)}"></span>${esc(label)}: ` + `<b>${b.count}</b></li>`
      );
    })
    .join('');
  const notes = g.roundingNotes
    .map((n) => {
      const names = n.agencies.map((c) => v.agency(c)?.name ?? c).join(', ');
      const shown = fmtNumber(Number(n.shown), dec, lang);
      return `<p class="note">${esc(
        vi
          ? `Lưu ý làm tròn: ${names} cùng hiển thị ${shown}% nhưng khác hạng; cần ${n.decimals} chữ số thập ` +
              `phân để phân biệt.`
          : `Rounding note: ${names} all show ${shown}% but hold different ranks; ${n.decimals} decimals tell ` +
              `them apart.`,
      )}</p>`;
    })
    .join('');
  return [
    '<div class="tile">',
    `<h3>${esc(textOf(g.title, lang))}</h3>`,
    '<dl>',
    `<dt>${vi ? 'Số cơ quan xếp hạng' : 'Agencies ranked'}</dt><dd class="num">${ranked}/${g.agencies.length}</dd>`,
    ranked > 0
      ? `<dt>${vi ? 'Giá trị trung bình' : 'Mean index'}</dt><dd ` +
        `class="num">${esc(fmtPercent(g.mean.value, dec, lang))}</dd>`
      : `<dt>${vi ? 'Giá trị trung bình' : 'Mean index'}</dt><dd` +
        `>${esc(vi ? 'chưa có cơ quan nào được xếp hạng' : 'no agency is ranked')}</dd>`,
    ...(x.all
      ? [`<dt>${vi ? 'Cao nhất, thấp nhất' : 'Highest, lowest'}</dt><dd>${esc(x.all)}</dd>`]
      : [
          `<dt>${vi ? 'Cao nhất' : 'Highest'}</dt><dd>${end(x.highest, g.highest)}</dd>`,
          `<dt>${vi ? 'Thấp nhất' : 'Lowest'}</dt><dd>${end(x.lowest, g.lowest)}</dd>`,
        ]),
    ...counts.map((c) => `<dt>${vi ? 'Lưu ý' : 'Note'}</dt><dd class="mark">${esc(c)}</dd>`),
    '</dl>',
    `<ul class="bands">${bands}</ul>`,
    notes,
    '</div>',
  ].join('');
}

function bandLegend(set: CriteriaRef, lang: Lang): string {
  const items = set.bands.map(
    (b, i) =>
      `<li><span class="swatch" ` +
      `style="background:${bandColour(i)}"></span>${esc(textOf(b.label, lang) || b.id)} ` +
      `(${esc(bandRange(b, set, lang))})</li>`,
  );
  return `<ul class="legend" aria-label="${lang === 'vi' ? 'Xếp loại' : 'Bands'}">${items.join('')}</ul>`;
}

function bandRange(b: CriteriaRef['bands'][number], set: CriteriaRef, lang: Lang): string {
  const top = Math.max(...set.bands.map((x) => x.max));
  const n = (x: number): string => fmtNumber(x, 0, lang);
  if (b.max >= top) return `≥ ${n(b.min)}%`;
  if (b.min <= 0) return `< ${n(b.max)}%`;
  return `${n(b.min)}–${n(b.max)}%`;
}

/** Layout of the ranked bar chart, in SVG user units. */
const CHART = { width: 960, label: 330, bar: 470, row: 20, top: 40, bottom: 30 };

function rankChart(v: ReportView, g: GroupResult, gi: number, ranked: AgencyResult[], set: CriteriaRef): string {
  const { lang } = v;
  const vi = lang === 'vi';
  const dec = set.rounding.decimals;
  const x = (pct: number): number => CHART.label + (Math.max(0, Math.min(100, pct)) / 100) * CHART.bar;
  const height = CHART.top + ranked.length * CHART.row + CHART.bottom;
  const title = vi ? `Xếp hạng: ${textOf(g.title, lang)}` : `Ranking: ${textOf(g.title, lang)}`;
  const desc = vi
    ? `Biểu đồ thanh ngang, ${ranked.length} cơ quan theo thứ hạng; các vạch đứng là ngưỡng xếp loại.`
    : `Horizontal bars, ${ranked.length} agencies in rank order; vertical lines mark the band thresholds.`;
  const id = `chart-${gi}`;
  const out: string[] = [
    `<figure class="chart"><svg class="rank-chart" viewBox="0 0 ${CHART.width} ${height}" width="100%" ` +
      `role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(desc)}</desc>`,
  ];
  for (let p = 0; p <= 100; p += 20) {
    out.push(
      `<line class="grid" x1="${r1(x(p))}" x2="${r1(x(p))}" y1="${CHART.top - 4}" y2="${height - CHART.bottom + 4}"/>`,
      `<text class="axis" x="${r1(x(p))}" y="${height - CHART.bottom + 18}" text-anchor="middle">${p}%</text>`,
    );
  }
  const thresholds = [...new Set(set.bands.map((b) => b.min).filter((m) => m > 0 && m < 100))].sort((a, b) => b - a);
  thresholds.forEach((m, k) => {
    const i = set.bands.findIndex((b) => b.min === m);
    const band = set.bands[i];
    // Labels alternate between two lines so that close thresholds (90, 80, 70) do not overlap.
    const ly = CHART.top - 6 - (k % 2) * 13;
    out.push(
      `<line class="threshold" x1="${r1(x(m))}" x2="${r1(x(m))}" y1="${ly + 2}" ` +
        `y2="${height - CHART.bottom + 4}" stroke="${bandColour(i)}"/>`,
      `<text class="threshold-label" x="${r1(x(m))}" y="${ly}" text-anchor="middle" ` +
        `fill="${bandColour(i)}">${esc(`${band?.id ?? ''} ≥ ${fmtNumber(m, 0, lang)}%`)}</text>`,
    );
  });
  ranked.forEach((a, k) => {
    const y = CHART.top + k * CHART.row;
    const idx = a.total.index.value;
    const colour = bandColour(v.bandIndex(a));
    const change = fmtRankChange(a.previous?.rankChange, a.isNew, lang, true);
    const changeClass = a.isNew
      ? 'new'
      : (a.previous?.rankChange ?? 0) > 0
        ? 'up'
        : (a.previous?.rankChange ?? 0) < 0
          ? 'down'
          : 'same';
    const rank = a.rank === undefined ? '—' : String(a.rank);
    const iv = a.interval;
    const range = rankRange(a);
    const tipRange = iv
      ? vi
        ? `, khoảng tin cậy 95%: ${indexRange(a, dec, lang)}, hạng ${range} (${iv.shares} tỷ lệ khảo sát, ít nhất ` +
          `${iv.minValid} câu trả lời hợp lệ)`
        : `, 95% interval: ${indexRange(a, dec, lang)}, rank ${range} (${iv.shares} survey shares, at least ` +
          `${iv.minValid} valid answers)`
      : '';
    const basis = comparisonBasis(a, lang);
    const marks = agencyMarks(a, set, lang);
    const tip =
      `${rank}. ${a.name}: ${fmtPercent(idx, dec, lang)}${v.bandLabel(a) ? `, ${v.bandLabel(a)}` : ''}` +
      `${change ? `, ${fmtRankChange(a.previous?.rankChange, a.isNew, lang)}` : ''}` +
      `${basis ? ` (${basis})` : ''}${tipRange}${marks.length ? ` (${marks.join('; ')})` : ''}`;
    const valueX = iv ? Math.max(x(idx), x(iv.index.upper.value)) + 4 : x(idx) + 4;
    const mid = y + CHART.row / 2;
    const whisker = iv
      ? `<path class="whisker" stroke="#222" stroke-width="1.2" fill="none" ` +
        `d="M${r1(x(iv.index.lower.value))} ${mid}H${r1(x(iv.index.upper.value))}` +
        `M${r1(x(iv.index.lower.value))} ${mid - 4}V${mid + 4}M${r1(x(iv.index.upper.value))} ${mid - 4}V${mid + 4}"/>`
      : '';
    out.push(
      `<g class="bar" data-agency="${esc(a.code)}"><title>${esc(tip)}</title>`,
      `<text class="rank" x="34" y="${y + 14}" text-anchor="end">${esc(rank)}</text>`,
      marks.length
        ? `<text class="name" x="40" y="${y + 14}"><tspan class="mark" fill="#c62828">⚠ ` +
            `</tspan>${esc(clip(a.name, 38))}</text>`
        : `<text class="name" x="40" y="${y + 14}">${esc(clip(a.name, 40))}</text>`,
      `<rect x="${CHART.label}" y="${y + 3}" width="${r1(x(idx) - CHART.label)}" height="${CHART.row - 6}" ` +
        `fill="${colour}"/>`,
      whisker,
      `<text class="value" x="${r1(valueX)}" y="${y + 14}">${esc(fmtPercent(idx, dec, lang))}</text>`,
      range && range !== rank
        ? `<text class="range" x="${CHART.width - 44}" y="${y + 14}" text-anchor="end" fill="#666" ` +
            `font-size="11">${esc(`(${range})`)}</text>`
        : '',
      change
        ? `<text class="change ${changeClass}" x="${CHART.width - 4}" y="${y + 14}" ` +
            `text-anchor="end">${esc(change)}</text>`
        : '',
      '</g>',
    );
  });
  out.push('</svg>');
  const marked = ranked.map((a) => ({ a, m: agencyMarks(a, set, lang) })).filter((x) => x.m.length > 0);
  if (marked.length > 0)
    out.push(
      `<ul class="marks">${marked
        .map(
          ({ a, m }) =>
            `<li><span class="mark">⚠</span> ${esc(`${a.rank ?? '—'}. ${a.name} (${a.code}): ${m.join('; ')}`)}</li>`,
        )
        .join('')}</ul>`,
    );
  out.push(
    `<figcaption>${esc(
      vi
        ? 'Số bên phải: thay đổi thứ hạng so với năm trước (▲ tăng, ▼ giảm, = giữ nguyên, "mới": chưa có trong ' +
            'kết quả năm trước).'
        : 'Right: change in rank since last year (▲ up, ▼ down, = same, "new": not in last year’s result).',
    )}${
      ranked.some((a) => a.interval)
        ? esc(
            vi
              ? ' Vạch ngang trên thanh: khoảng tin cậy 95% của chỉ số (khoảng Wilson của các tỷ lệ hài lòng);' +
                  ' số trong ngoặc: các thứ hạng cơ quan có thể giữ trong khoảng đó.'
              : ' Whisker on each bar: the 95% interval of the index (Wilson intervals of the satisfaction shares);' +
                  ' in brackets: the ranks the agency could hold within it.',
          )
        : ''
    }</figcaption></figure>`,
  );
  return out.join('');
}

function fieldLegend(v: ReportView): string {
  return (
    `<ul class="field-list">` +
    `${v.fieldCodes.map((c) => `<li><b>${esc(c)}</b> ${esc(v.fieldTitle(c))}</li>`).join('')}</ul>`
  );
}

function heatmap(v: ReportView, g: GroupResult): string {
  const { lang } = v;
  const vi = lang === 'vi';
  const dec = v.groupSet(g)?.rounding.decimals ?? 2;
  const members = g.agencies
    .map((c) => v.agency(c))
    .filter((a): a is AgencyResult => a !== undefined && a.status !== 'missing');
  const cell = (value: number | undefined): string =>
    value === undefined
      ? '<td class="na">—</td>'
      : `<td class="num" style="${heat(value)}">${esc(fmtNumber(value, dec === 0 ? 0 : 1, lang))}</td>`;
  const head =
    `<tr><th scope="col">${vi ? 'Hạng' : 'Rank'}</th><th scope="col">${vi ? 'Cơ quan' : 'Agency'}</th>` +
    `${v.fieldCodes
      .map((c) => `<th scope="col" title="${esc(v.fieldTitle(c))}">${vi ? 'LV' : 'F'}${esc(c)}</th>`)
      .join('')}</tr>`;
  const meanRow =
    `<tr class="mean"><td></td><th ` +
    `scope="row">${vi ? 'Trung bình nhóm' : 'Group mean'}</th>` +
    `${v.fieldCodes.map((c) => cell(v.fieldMean(c, g.id))).join('')}</tr>`;
  const rows =
    members.length > HTML_DETAIL_MAX
      ? `<tr><td colspan="${v.fieldCodes.length + 2}" class="note">${esc(
          vi
            ? `${members.length} cơ quan: chỉ số từng cơ quan theo lĩnh vực xem trong báo cáo Excel (trang "Lĩnh vực").`
            : `${members.length} agencies: each agency's field indices are in the Excel report ("Fields" sheet).`,
        )}</td></tr>`
      : members
          .map(
            (a) =>
              `<tr><td class="num">${a.rank ?? '—'}</td><th ` +
              `scope="row">${esc(a.name)}</th>` +
              `${v.fieldCodes.map((c) => cell(a.fields.find((f) => f.code === c)?.index.value)).join('')}` +
              `</tr>`,
          )
          .join('');
  return `<h3>${esc(textOf(g.title, lang))}</h3><div class="scroll"><table class="heatmap"><caption>${esc(
    vi ? `Chỉ số lĩnh vực (%) — ${textOf(g.title, lang)}` : `Field index (%) — ${textOf(g.title, lang)}`,
  )}</caption><thead>${head}</thead><tbody>${meanRow}${rows}</tbody></table></div>`;
}

function agencyCard(v: ReportView, g: GroupResult, a: AgencyResult): string {
  const { lang } = v;
  const vi = lang === 'vi';
  const set = v.setOf(a);
  const dec = set?.rounding.decimals ?? 2;
  const change = fmtRankChange(a.previous?.rankChange, a.isNew, lang);
  const rankLine =
    a.rank !== undefined
      ? vi
        ? `Xếp thứ ${a.rank}/${a.groupSize ?? g.agencies.length}${change ? `, ${change}` : ''}`
        : `Rank ${a.rank} of ${a.groupSize ?? g.agencies.length}${change ? `, ${change}` : ''}`
      : '';
  const fields = a.fields.filter((f) => f.max.value > 0);
  const row = 22;
  const labelW = 190;
  const barW = 210;
  const height = fields.length * row + 26;
  const x = (pct: number): number => labelW + (Math.max(0, Math.min(100, pct)) / 100) * barW;
  const colour = bandColour(v.bandIndex(a));
  const svg: string[] = [
    `<svg class="profile" viewBox="0 0 ${labelW + barW + 70} ${height}" width="100%" role="img" aria-label="${esc(
      vi
        ? `Chỉ số theo lĩnh vực của ${a.name} so với trung bình nhóm`
        : `Field indices of ${a.name} against the group mean`,
    )}" xmlns="http://www.w3.org/2000/svg">`,
  ];
  fields.forEach((f, k) => {
    const y = k * row;
    const mean = v.fieldMean(f.code, a.group);
    const tip =
      `${f.code}. ${v.fieldTitle(f.code)}: ` +
      `${fmtPercent(f.index.value, dec, lang)}` +
      `${mean !== undefined ? ` (${vi ? 'trung bình nhóm' : 'group mean'} ${fmtPercent(mean, dec, lang)})` : ''}`;
    svg.push(
      `<g class="field"><title>${esc(tip)}</title>`,
      `<text x="0" y="${y + 15}">${esc(clip(`${f.code}. ${v.fieldTitle(f.code)}`, 27))}</text>`,
      `<rect class="track" x="${labelW}" y="${y + 4}" width="${barW}" height="${row - 8}"/>`,
      `<rect x="${labelW}" y="${y + 4}" width="${r1(x(f.index.value) - labelW)}" height="${row - 8}" ` +
        `fill="${colour}"/>`,
      mean !== undefined
        ? `<line class="mean-mark" x1="${r1(x(mean))}" x2="${r1(x(mean))}" y1="${y + 1}" y2="${y + row - 1}"/>`
        : '',
      `<text class="value" x="${labelW + barW + 6}" ` +
        `y="${y + 15}">${esc(fmtPercent(f.index.value, dec === 0 ? 0 : 1, lang))}</text>`,
      '</g>',
    );
  });
  svg.push(
    `<line class="mean-mark" x1="${labelW}" x2="${labelW + 14}" y1="${height - 8}" y2="${height - 8}"/>`,
    `<text class="axis" x="${labelW + 18}" ` +
      `y="${height - 4}">${esc(vi ? 'vạch đen: trung bình nhóm' : 'black mark: group mean')}</text>`,
    '</svg>',
  );
  const gaps = largestGaps(a);
  const gapList = gaps.length
    ? `<h4>${vi ? 'Điểm bị mất nhiều nhất' : 'Largest gaps'}</h4><ol class="gaps">${gaps
        .map((it) => {
          const lost = it.max.value - it.final.value;
          const places =
            it.placesIfFull && it.placesIfFull > 0
              ? vi
                ? `; đạt tối đa thì tăng ${it.placesIfFull} bậc`
                : `; full points would gain ${it.placesIfFull} places`
              : '';
          return (
            `<li><b>${esc(it.code)}</b> ${esc(clip(v.itemTitle(a, it.code), 90))}: ` +
            `${esc(fmtNumber(it.final.value, dec, lang))}/${esc(fmtNumber(it.max.value, dec, lang))} (${
              vi ? 'mất' : 'lost'
            } ${esc(fmtNumber(lost, dec, lang))}${esc(places)})</li>`
          );
        })
        .join('')}</ol>`
    : `<p>${vi ? 'Đạt điểm tối đa mọi tiêu chí.' : 'Full points on every item.'}</p>`;
  return [
    `<article class="card" id="agency-${a.code.replace(/[^A-Za-z0-9_-]/g, '_')}">`,
    `<h4 class="card-title">${esc(a.name)} <span class="code">${esc(a.code)}</span></h4>`,
    `<p class="headline"><span class="big num" ` +
      `style="color:${colour}">${esc(fmtPercent(a.total.index.value, dec, lang))}</span> ` +
      `${esc(v.bandLabel(a))}${rankLine ? ` · ${esc(rankLine)}` : ''}</p>`,
    ...agencyMarks(a, set, lang).map((m) => `<p class="mark">⚠ ${esc(m)}</p>`),
    `<p class="points">${vi ? 'Điểm' : 'Points'}: ${esc(fmtNumber(a.total.points.value, dec, lang))}/` +
      `${esc(fmtNumber(a.total.max.value, dec, lang))} ` +
      `(${vi ? 'thẩm định' : 'appraisal'} ${esc(
        fmtNumber(a.bySource.appraisal.points.value, dec, lang),
      )}, ${vi ? 'điều tra XHH' : 'survey'} ${esc(fmtNumber(a.bySource.survey.points.value, dec, lang))}${
        a.bySource.bonus.value
          ? `, ${vi ? 'thưởng' : 'bonus'} ${esc(fmtNumber(a.bySource.bonus.value, dec, lang))}`
          : ''
      }${
        a.bySource.penalty.value
          ? `, ${vi ? 'trừ' : 'penalty'} ` + `${esc(fmtNumber(a.bySource.penalty.value, dec, lang))}`
          : ''
      })</p>`,
    svg.join(''),
    gapList,
    itemTable(v, a, dec),
    loopSection(a, dec, lang),
    '</article>',
  ].join('');
}

/**
 * Every item of the agency with its points and how it was scored, under its field and criterion
 * lines (every tree shape; bonus and penalty as signed lines), folded so that the card stays short.
 */
function itemTable(v: ReportView, a: AgencyResult, dec: number): string {
  const { lang } = v;
  const vi = lang === 'vi';
  const n = (x: { value: number } | undefined): string => (x ? esc(fmtNumber(x.value, dec, lang)) : '');
  const rows = scorecardRows(a);
  const count = rows.filter((r) => r.kind === 'item').length;
  const body = rows
    .map((r) => {
      if (r.kind === 'item') {
        const it = r.item;
        const how = it.notApplicable ? (vi ? 'không áp dụng' : 'not applicable') : textOf(it.detail, lang);
        return (
          `<tr><td>${esc(it.code)}</td><td>${esc(v.itemTitle(a, it.code))}</td>` +
          `<td class="num">${n(it.max)}</td><td class="num">${n(it.self)}</td><td class="num">${n(it.appraised)}</td>` +
          `<td class="num">${n(it.final)}</td><td>${esc(how)}</td></tr>`
        );
      }
      const cls = r.kind === 'field' ? 'field' : 'criterion';
      const lines = [
        `<tr class="${cls}"><td>${esc(r.code)}</td><td>${esc(v.itemTitle(a, r.code))}</td><td ` +
          `class="num">${r.scored ? n(r.scored.max) : ''}</td><td></td><td></td><td ` +
          `class="num">${r.scored ? n(r.scored.points) : ''}</td><td></td></tr>`,
      ];
      for (const which of ['bonus', 'penalty'] as const) {
        const pts = r.adjustments[which];
        if (pts === undefined) continue;
        lines.push(
          `<tr class="${cls} ` +
            `adjust"><td></td><td>${esc(adjustmentLabel(which, lang))}</td><td></td><td></td><td></td><td ` +
            `class="num">${esc(signedPoints(pts, which === 'bonus' ? 1 : -1, dec, lang))}</td><td></td></tr>`,
        );
      }
      return lines.join('');
    })
    .join('');
  const head = [
    vi ? 'Mã' : 'Code',
    vi ? 'Nội dung' : 'Title',
    vi ? 'Tối đa' : 'Max',
    vi ? 'Tự chấm' : 'Self',
    vi ? 'Thẩm định' : 'Appraised',
    vi ? 'Điểm' : 'Final',
    vi ? 'Cách tính' : 'How scored',
  ]
    .map((h) => `<th scope="col">${esc(h)}</th>`)
    .join('');
  const summary = esc(vi ? `Bảng điểm: ${count} tiêu chí` : `Scorecard: ${count} items`);
  return (
    `<details class="items"><summary>${summary}</summary>` +
    `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></details>`
  );
}

/**
 * The card's appraisal loop: self-scored against appraised points, and each touched item's path with its
 * files and cells.
 */
function loopSection(a: AgencyResult, dec: number, lang: Lang): string {
  if (!a.selfGap) return '';
  const vi = lang === 'vi';
  const n = (x: { value: number }): string => fmtNumber(x.value, dec, lang);
  const items = a.items.filter((it) => it.history && it.history.length > 0);
  const paths = items
    .map(
      (it) =>
        `<li><b>${esc(it.code)}</b> ${esc(historyLine(it.history!, lang, dec))}<ol class="steps" ` +
        `style="color:var(--muted);padding-left:18px">` +
        `${it.history!.map((h) => `<li>${esc(historyStepText(h, n, lang))}</li>`).join('')}</ol></li>`,
    )
    .join('');
  return [
    `<h4>${vi ? 'Thẩm định và giải trình' : 'Appraisal and explanations'}</h4>`,
    `<p class="points">${esc(selfGapLine(a.selfGap, n, lang))}</p>`,
    items.length
      ? `<ul class="history" style="padding-left:18px;font-size:.85rem">${paths}</ul>`
      : `<p>${vi ? 'Không tiêu chí nào bị điều chỉnh.' : 'No item was adjusted.'}</p>`,
  ].join('');
}

/** Scored items (not bonus or penalty) where the most points were lost, largest first, then by code. */
function largestGaps(a: AgencyResult): ItemResult[] {
  return a.items
    .filter(
      (it) =>
        it.applicable && (it.source === 'appraisal' || it.source === 'survey') && it.max.value - it.final.value > 0,
    )
    .map((it, i) => ({ it, i, lost: it.max.value - it.final.value }))
    .sort((p, q) => q.lost - p.lost || p.i - q.i)
    .slice(0, GAPS_SHOWN)
    .map((p) => p.it);
}

function bandColour(i: number): string {
  return i < 0 ? '#9e9e9e' : BAND_COLOURS[Math.min(i, BAND_COLOURS.length - 1)]!;
}

/**
 * Heatmap stops (index %, colour): red at 50% and below, yellow at 75%, green at 100%, as Excel's three-colour scale.
 */
const HEAT_STOPS: [number, [number, number, number]][] = [
  [50, [248, 105, 107]],
  [75, [255, 235, 132]],
  [100, [99, 190, 123]],
];

/** Background for a heatmap cell; the colours are light enough for dark text. */
function heat(pct: number): string {
  const p = Math.max(HEAT_STOPS[0]![0], Math.min(100, pct));
  const k = p >= HEAT_STOPS[1]![0] ? 1 : 0;
  const [a, ca] = HEAT_STOPS[k]!;
  const [b, cb] = HEAT_STOPS[k + 1]!;
  const f = (p - a) / (b - a);
  const [r, g, bl] = ca.map((c, j) => Math.round(c + (cb[j]! - c) * f));
  return `background:rgb(${r},${g},${bl})`;
}

function clip(s: string, n: number): string {
  const chars = [...s.normalize('NFC')];
  return chars.length > n ? chars.slice(0, n - 1).join('') + '…' : chars.join('');
}

function r1(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/** Escapes text for HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const CSS = (
  `
:root{--ink:#1a1a1a;--muted:#5f6368;--line:#d0d7de;--bg:#fff;--panel:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;` +
  `font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;` +
  `color:var(--ink);background:var(--bg);line-height:1.45}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}
h1{font-size:1.6rem;margin:20px 0 4px}h2{font-size:1.3rem;border-bottom:2px solid var(--line);` +
  `padding-bottom:4px;margin-top:32px}h3{font-size:1.1rem}
.meta,.note,figcaption,footer{color:var(--muted);font-size:.9rem}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:12px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
.tile{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:12px 16px}
.tile dl{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:0}.tile dt{color:var(--muted)}` +
  `.tile dd{margin:0}
.bands,.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:4px;vertical-align:baseline}
.num{font-variant-numeric:tabular-nums}
.chart{margin:8px 0}
svg text{font-family:inherit;font-size:12px;fill:var(--ink)}
svg .value{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}` +
  `svg .axis{fill:var(--muted);font-size:11px}svg .grid{stroke:#eceff1}svg .threshold{stroke-dasharray:4 3;` +
  `stroke-width:1.5}
svg .threshold-label{font-size:11px;font-weight:600}
svg .change.up{fill:#2e7d32}svg .change.down{fill:#c62828}svg .change.same,svg .change.new{fill:var(--muted)}
svg .bar:hover rect{opacity:.8}
svg .track{fill:#eceff1}svg .mean-mark{stroke:#000;stroke-width:2}
.scroll{overflow-x:auto}
table.heatmap{border-collapse:collapse;font-size:.85rem;margin-bottom:16px}
.heatmap caption{text-align:left;color:var(--muted);padding:4px 0}
.heatmap th,.heatmap td{border:1px solid #fff;padding:2px 6px;text-align:right}
.heatmap th:nth-child(2){text-align:left}.heatmap th[scope=row]{text-align:left;font-weight:normal;` +
  `white-space:nowrap}.heatmap tr.mean th,.heatmap tr.mean td{font-weight:700}
.heatmap td.na{color:var(--muted);text-align:center}
.field-list{columns:2;font-size:.9rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:16px}
.card{border:1px solid var(--line);border-radius:6px;padding:12px 16px;break-inside:avoid}
.card-title{margin:0;font-size:1.05rem}.card .code{color:var(--muted);font-weight:normal}
.headline{margin:4px 0}.big{font-size:1.5rem;font-weight:700}
.points{color:var(--muted);font-size:.9rem;margin:0 0 6px}
.gaps{font-size:.9rem;padding-left:1.4em}h4{margin:10px 0 4px;font-size:.95rem}
.missing{color:#c62828}
.items{font-size:.85rem;margin-top:6px}.items table{border-collapse:collapse;width:100%}
.items th,.items td{border-bottom:1px solid var(--line);padding:2px 4px;vertical-align:top;text-align:left}
.items td.num{text-align:right;white-space:nowrap}.items tr.field td{font-weight:700}
.items tr.criterion td{font-style:italic}
.mark{color:#c62828;font-weight:700}
@media print{nav{display:none}.card{page-break-inside:avoid}}
`
).trim();
