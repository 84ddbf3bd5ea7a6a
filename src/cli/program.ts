/**
 * The commander program: global options, commands, and the mapping of outcomes to exit codes
 * (0 clean, 1 findings of severity error, 2 could not run — a bad flag too).
 */
import { DEFAULT_LIMITS, LIMIT_FLAGS, parseLimit, showLimit, type LimitName, type Limits } from '../core/limits.js';
import type { ReadOptions } from '../load/index.js';
import { type Command, CommanderError, Option, InvalidArgumentError } from 'commander';
import { commanderErrorText, localizedCommand } from './help.js';
import { addExamples } from './examples.js';
import { InternalError, RunError, UsageError } from '../findings/errors.js';
import { WriteError } from '../core/fs.js';
import { writeFailureText } from './write-failure.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { EXIT, type CommandRunner, type Register } from './command.js';
import { makeContext, type CliStreams, type GlobalOptions } from './context.js';
import { registerCriteriaCommands } from './commands/criteria.js';
import { registerIntakeCommands } from './commands/intake.js';
import { registerRoundCommands } from './commands/round.js';
import { registerSipasCommands } from './commands/sipas.js';
import { registerSurveyTemplateCommands } from './commands/survey-template.js';
import { registerTemplateCommands } from './commands/template.js';
import { registerScoreCommands } from './commands/score.js';
import { registerReportCommands } from './commands/report.js';
import { registerLoopCommands } from './commands/loop.js';

export { EXIT, type CommandRunner, type Register } from './command.js';

const REGISTRARS: Register[] = [
  registerCriteriaCommands,
  registerTemplateCommands,
  registerIntakeCommands,
  registerRoundCommands,
  registerScoreCommands,
  registerReportCommands,
  registerLoopCommands,
  registerSipasCommands,
  registerSurveyTemplateCommands,
];

/** The global option of a limit, named and described by LIMIT_FLAGS. */
function limitOption(name: LimitName): Option {
  const { flag, unit, help } = LIMIT_FLAGS[name];
  return new Option(`${flag} <${unit === 'MB' ? 'MB' : 'n'}>`, `${help} (${showLimit(name, DEFAULT_LIMITS[name])})`);
}

const LIMIT_NAMES = Object.keys(LIMIT_FLAGS) as LimitName[];
/** Each limit with the key commander gives its option's value. */
const LIMIT_OPTIONS: [string, LimitName][] = LIMIT_NAMES.map((name) => [limitOption(name).attributeName(), name]);

/** The --max-… flags as limits; a value that is not a positive number is a usage error. */
function limitsFromOptions(opts: Record<string, unknown>): Partial<Limits> {
  const out: Partial<Limits> = {};
  for (const [key, name] of LIMIT_OPTIONS) {
    const raw = opts[key];
    if (raw === undefined) continue;
    const v = parseLimit(name, String(raw));
    if (v === undefined)
      throw new UsageError({
        vi: `${LIMIT_FLAGS[name].flag} cần một số dương, không phải "${String(raw)}".`,
        en: `${LIMIT_FLAGS[name].flag} needs a positive number, not "${String(raw)}".`,
      });
    out[name] = v;
  }
  return out;
}

/**
 * How every command reads its files, made once per run: the --max-… flags over the defaults, and
 * the workbook reader (lean; exceljs when the hidden switch PARINDEX_READER=exceljs is set, which
 * tests and benchmarks use to compare the two).
 */
function readOptionsOf(opts: Record<string, unknown>, env: CliStreams['env']): ReadOptions {
  return {
    limits: { ...DEFAULT_LIMITS, ...limitsFromOptions(opts) },
    reader: env.PARINDEX_READER === 'exceljs' ? 'exceljs' : 'lean',
  };
}

/**
 * The commander program in `lang` (help, commander's own messages, examples), with every command
 * registered; `run` runs a command's body.
 */
export function buildProgram(
  lang: 'vi' | 'en',
  streams: CliStreams,
  run: (cmd: Command, body: CommandRunner) => Promise<void>,
): Command {
  const program = localizedCommand(lang);
  program
    .name(TOOL_NAME)
    .description(
      'Chấm điểm Chỉ số cải cách hành chính (PAR INDEX) và SIPAS từ bảng tính. / Runs a PAR INDEX and SIPAS ' +
        'scoring round from spreadsheets.',
    )
    // Only -V is commander's: a program option is recognised after a subcommand too, and
    // `criteria import --version 2026` needs --version for itself. `parindex --version` is handled below.
    .version(TOOL_VERSION, '-V', 'in phiên bản (cũng --version) / print the version (also --version)')
    .addOption(new Option('--lang <lang>', 'ngôn ngữ hiển thị / display language').choices(['vi', 'en']))
    .option('--json', 'in một tài liệu JSON ra stdout / print one JSON document on stdout')
    .option('--no-color', 'không tô màu / no colour')
    .option('-q, --quiet', 'không hiện tiến độ / no progress output')
    .option('--debug', 'hiện chi tiết lỗi nội bộ / show internal error details')
    .addOption(
      new Option(
        '--workers <n>',
        'số luồng kiểm tra hồ sơ song song (auto: theo số nhân CPU khi có từ 40 tệp) / worker threads for ' +
          'checking files (auto: one per core from 40 files)',
      )
        .default('auto')
        .argParser((v: string) => {
          if (v !== 'auto' && !/^\d{1,2}$/.test(v)) throw new InvalidArgumentError('auto | 0–99');
          return v;
        }),
    )
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void streams.stdout.write(s),
      writeErr: (s) => void streams.stderr.write(s),
      outputError: (s, write) => write(commanderErrorText(s, lang)),
    });

  for (const name of LIMIT_NAMES) program.addOption(limitOption(name));
  for (const register of REGISTRARS) register(program, run);
  addExamples(program, lang);
  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], streams: CliStreams): Promise<number> {
  let exitCode: number = EXIT.OK;
  const run = async (cmd: Command, body: CommandRunner): Promise<void> => {
    const opts = cmd.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
    const ctx = makeContext(opts, streams);
    exitCode = await body({ ...ctx, read: readOptionsOf(opts, streams.env) });
  };
  const lang = langFromArgv(argv, streams.env);
  const program = buildProgram(lang, streams, run);
  const debug = argv.includes('--debug');
  // --json promises one JSON document on stdout, for a run that could not start too (exit 2).
  const json = argv.includes('--json');
  const cannotRun = (message: string, kind: 'usage' | 'input' | 'internal'): number => {
    if (json) {
      const doc = {
        tool: TOOL_NAME,
        version: TOOL_VERSION,
        ok: false,
        exitCode: EXIT.CANNOT_RUN,
        error: { kind, message },
      };
      streams.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    }
    return EXIT.CANNOT_RUN;
  };
  if (argv[0] === '--version') {
    streams.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.OK;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version end cleanly; every other commander error is a usage error (exit 2).
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return EXIT.OK;
      return cannotRun(commanderErrorText(e.message, lang).replace(/^(error|lỗi): /, ''), 'usage');
    }
    if (e instanceof RunError) {
      streams.stderr.write(`${TOOL_NAME}: ${e.text[lang]}\n`);
      return cannotRun(e.text[lang], e instanceof UsageError ? 'usage' : 'input');
    }
    if (e instanceof WriteError) {
      streams.stderr.write(`${TOOL_NAME}: ${writeFailureText(e)[lang]}\n`);
      return EXIT.CANNOT_RUN;
    }
    const err = e instanceof Error ? e : new InternalError(String(e));
    streams.stderr.write(
      lang === 'vi'
        ? `${TOOL_NAME}: lỗi nội bộ (đây là lỗi của parindex, không phải của tệp đầu vào): ${err.message}\n`
        : `${TOOL_NAME}: internal error (a bug in parindex, not in your files): ${err.message}\n`,
    );
    streams.stderr.write(`${TOOL_NAME} ${TOOL_VERSION}, node ${process.versions.node}, ${process.platform}\n`);
    if (debug && err.stack) streams.stderr.write(err.stack + '\n');
    else
      streams.stderr.write(
        lang === 'vi' ? 'Chạy lại với --debug để xem chi tiết.\n' : 'Run again with --debug for details.\n',
      );
    return cannotRun(err.message, 'internal');
  }
}

/** The language for messages printed before or without a parsed command line. */
function langFromArgv(argv: string[], env: Record<string, string | undefined>): 'vi' | 'en' {
  const i = argv.lastIndexOf('--lang');
  const value =
    argv.find((a) => a.startsWith('--lang='))?.slice(7) ?? (i >= 0 ? argv[i + 1] : undefined) ?? env.PARINDEX_LANG;
  return value === 'en' ? 'en' : 'vi';
}
