/**
 * A one-line progress display on stderr: drawn only when stderr is a terminal (not piped, not
 * --quiet), and only for long work (50 items or more, or after a second).
 */
import type { CliContext } from './context.js';

export interface Progress {
  tick(done: number, total: number): void;
  done(): void;
}

export function progress(ctx: CliContext, what: { vi: string; en: string }, now: () => number = Date.now): Progress {
  const start = now();
  let drawn = false;
  let last = 0;
  const write = (s: string): void => ctx.errRaw(s);
  return {
    tick(done, total) {
      if (!ctx.stderrIsTTY) return;
      const t = now();
      if (total < 50 && t - start < 1000) return;
      if (t - last < 100 && done < total) return;
      last = t;
      const secs = Math.max((t - start) / 1000, 0.001);
      const rate = (done / secs).toFixed(1);
      const width = 24;
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      const label = what[ctx.lang];
      const unit = ctx.lang === 'vi' ? '/giây' : '/s';
      write(`\r\x1b[2K${bar} ${done}/${total} ${label} · ${rate}${unit}`);
      drawn = true;
    },
    done() {
      if (drawn) write('\r\x1b[2K');
    },
  };
}
