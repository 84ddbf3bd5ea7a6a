/**
 * The import direction between stage folders: a folder of src/ may import only from itself and the
 * folders before it in STAGES (the pipeline's order), and no module imports itself through others.
 * Type-only imports count too: a stage's types are part of what it hands on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/**
 * The stages in dependency order; `version.ts` sits below everything, `index.ts` above. `round/`
 * reads the round's own files (config, roster, appraisal and survey tables, last year's result)
 * into the types that score/, rank/ and result/ define, so it comes after them; `pipeline/` runs
 * the stages in the order of a round.
 */
const STAGES = [
  'core',
  'messages',
  'findings',
  'load',
  'criteria',
  'intake',
  'validate',
  'score',
  'rank',
  'result',
  'round',
  'report',
  'pipeline',
  'cli',
] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Relative module specifiers of a file: static imports and re-exports (type-only too) and dynamic imports. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  const re =
    /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)|new URL\(\s*'(\.[^']+\.js)'/g;
  for (let m = re.exec(text); m; m = re.exec(text)) specs.push((m[1] ?? m[2] ?? m[3])!);
  return specs;
}

/** The module file an import names (`./x.js` is `./x.ts` in src). */
function target(from: string, spec: string): string {
  return resolve(dirname(from), spec).replace(/\.js$/, '.ts');
}

/** The stage of a file: its first folder under src/, or '.' for version.ts and index.ts. */
function stageOf(file: string): string {
  const rel = relative(SRC, file).split(sep);
  return rel.length > 1 ? rel[0]! : rel[0]!;
}

function rankOf(file: string): number {
  const s = stageOf(file);
  if (s === 'version.ts') return -1;
  if (s === 'index.ts') return STAGES.length;
  const i = (STAGES as readonly string[]).indexOf(s);
  return i;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f).map((s) => target(f, s))]));

describe('import direction between stages', () => {
  it('puts every folder of src/ in the stage order', () => {
    const unknown = [...new Set(files.map(stageOf))].filter(
      (s) => s !== 'version.ts' && s !== 'index.ts' && !(STAGES as readonly string[]).includes(s),
    );
    expect(unknown).toEqual([]);
  });

  it('never imports from a later stage', () => {
    const backwards: string[] = [];
    for (const [file, deps] of graph)
      for (const dep of deps)
        if (rankOf(dep) > rankOf(file)) backwards.push(`${relative(SRC, file)} → ${relative(SRC, dep)}`);
    expect(backwards).toEqual([]);
  });

  it('has no import circle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      const s = state.get(file);
      if (s === 'done') return;
      if (s === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const dep of graph.get(file) ?? []) if (graph.has(dep)) visit(dep, [...path, file]);
      state.set(file, 'done');
    };
    for (const f of [...graph.keys()].sort()) visit(f, []);
    expect(circles).toEqual([]);
  });

  it('reads every import it checks (the pattern still finds them)', () => {
    const edges = [...graph.values()].reduce((n, d) => n + d.length, 0);
    expect(edges).toBeGreaterThan(files.length);
    for (const deps of graph.values()) for (const dep of deps) expect(graph.has(dep), dep).toBe(true);
  });
});
