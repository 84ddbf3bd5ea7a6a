/**
 * The roster: agency code, name, kind, group for ranking, optionally region; CSV or xlsx, with
 * Vietnamese or English headers, read through the same neutral grid as submissions.
 */
import { codeKey, cleanText, looseKey } from '../core/text.js';
import { cellAddress, finding, type Finding, type FindingLocation } from '../findings/finding.js';
import { DEFAULT_READ_OPTIONS, readGrid, type ReadOptions } from '../load/index.js';
import { valueText } from '../load/grid.js';

type RosterField = 'code' | 'name' | 'kind' | 'group' | 'region' | 'predecessors';

const HEADERS: Record<RosterField, string[]> = {
  code: ['mã', 'mã cơ quan', 'mã đơn vị', 'code', 'agency code'],
  name: ['tên cơ quan', 'tên', 'tên đơn vị', 'name', 'agency name'],
  kind: ['loại', 'loại cơ quan', 'loại đơn vị', 'kind', 'agency kind', 'type'],
  group: ['nhóm', 'nhóm xếp hạng', 'group', 'ranking group'],
  region: ['khu vực', 'vùng', 'region', 'area'],
  predecessors: ['tiền thân', 'đơn vị tiền thân', 'hợp nhất từ', 'predecessors', 'merged from'],
};
const headerOf = new Map<string, RosterField>();
for (const [f, words] of Object.entries(HEADERS)) for (const w of words) headerOf.set(looseKey(w), f as RosterField);

/** An agency as the roster lists it. */
export interface RosterAgency {
  code: string;
  name: string;
  kind: string;
  group: string;
  region?: string;
  /** Last year's agency codes it continues (one: renamed or split off; several: merged). */
  predecessors?: string[];
}

export interface RosterRead {
  agencies: RosterAgency[];
  findings: Finding[];
  sha256?: string;
}

/**
 * Reads a roster. `kinds` (when given) are the agency kinds the round has criteria for; a row
 * with another kind is a finding. Without a group column, the kind is the group.
 */
export async function readRoster(
  path: string,
  file: string,
  kinds?: readonly string[],
  opts: ReadOptions = DEFAULT_READ_OPTIONS,
): Promise<RosterRead> {
  const read = await readGrid(path, file, opts);
  const findings = read.findings.filter((f) => f.code !== 'INTAKE_CSV_DIALECT');
  const sheet = read.grid?.sheets.find((s) => s.state === 'visible') ?? read.grid?.sheets[0];
  const out: RosterRead = { agencies: [], findings };
  if (read.sha256) out.sha256 = read.sha256;
  if (!sheet) return out;
  const headerRow = sheet.rowNumbers()[0] ?? 1;
  const cols = new Map<RosterField, number>();
  for (const [c, cell] of sheet.rows.get(headerRow) ?? []) {
    const f = headerOf.get(looseKey(valueText(cell.v)));
    if (f && !cols.has(f)) cols.set(f, c);
  }
  const at = (row: number, col?: number): FindingLocation => {
    const loc: FindingLocation = { file, row };
    if (sheet.name !== undefined) loc.sheet = sheet.name;
    if (col !== undefined) {
      loc.column = col;
      loc.cell = cellAddress(row, col);
    }
    return loc;
  };
  for (const need of ['code', 'name', 'kind'] as const)
    if (!cols.has(need))
      findings.push(finding('ROUND_ROSTER_COLUMN_MISSING', at(headerRow), { column: HEADERS[need][0]! }));
  if (findings.some((f) => f.code === 'ROUND_ROSTER_COLUMN_MISSING')) return out;
  const firstRow = new Map<string, number>();
  const get = (r: number, f: RosterField): string => {
    const c = cols.get(f);
    return c === undefined ? '' : cleanText(sheet.text(r, c));
  };
  for (const r of sheet.rowNumbers()) {
    if (r <= headerRow) continue;
    const code = codeKey(get(r, 'code'));
    const name = get(r, 'name');
    const kind = get(r, 'kind');
    if (!code && !name && !kind) continue;
    const missing = !code ? 'code' : !name ? 'name' : !kind ? 'kind' : undefined;
    if (missing) {
      findings.push(finding('ROUND_ROSTER_INCOMPLETE', at(r, cols.get(missing)), { missing }));
      continue;
    }
    const first = firstRow.get(code);
    if (first !== undefined) {
      findings.push(
        finding('ROUND_ROSTER_DUPLICATE', at(r, cols.get('code')), { agency: code, firstRow: first }, { agency: code }),
      );
      continue;
    }
    firstRow.set(code, r);
    if (kinds && !kinds.includes(kind)) {
      findings.push(
        finding('ROUND_ROSTER_UNKNOWN_KIND', at(r, cols.get('kind')), { kind, kinds: [...kinds] }, { agency: code }),
      );
      continue;
    }
    const agency: RosterAgency = { code, name, kind, group: get(r, 'group') || kind };
    const region = get(r, 'region');
    if (region) agency.region = region;
    const predecessors = get(r, 'predecessors')
      .split(/[,;\s]+/)
      .map(codeKey)
      .filter((c) => c !== '');
    if (predecessors.length > 0) agency.predecessors = [...new Set(predecessors)];
    out.agencies.push(agency);
  }
  return out;
}
