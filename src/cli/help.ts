/**
 * commander in the user's language: help headings, the help option and command, extra notes
 * ("default:", "choices:"), descriptions, and commander's own error messages. Descriptions are
 * written "tiếng Việt / English" where they are declared; the help shows the side of the language.
 * commander's error sentences are matched by their wording (commander 14): the test of this module
 * runs each of them, so an upgrade that rewords one fails there, not in front of a user.
 */
import { Command as CommandClass, Help, type Argument, type Command, type Option } from 'commander';
import type { Lang } from '../messages/types.js';

/** The side of a "tiếng Việt / English" text for the language; text without the separator as it is. */
export function pickLang(text: string, lang: Lang): string {
  const parts = text.split(' / ');
  if (parts.length !== 2) return text;
  return (lang === 'vi' ? parts[0] : parts[1]) ?? text;
}

const TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Arguments:': 'Đối số:',
  'Options:': 'Tùy chọn:',
  'Global Options:': 'Tùy chọn chung:',
  'Commands:': 'Lệnh:',
};

/** commander's notes after a description: "(default: …)", "(choices: …)". */
const NOTES: [RegExp, string][] = [
  [/\bdefault: /g, 'mặc định: '],
  [/\bchoices: /g, 'chọn một trong: '],
  [/\bpreset: /g, 'giá trị khi không ghi: '],
  [/\benv: /g, 'biến môi trường: '],
];

/** The help of every command in `lang`. */
export class LocalizedHelp extends Help {
  constructor(private readonly lang: Lang) {
    super();
  }

  override styleTitle(str: string): string {
    return this.lang === 'vi' ? (TITLES[str] ?? str) : str;
  }

  override commandUsage(cmd: Command): string {
    const usage = super.commandUsage(cmd);
    return this.lang === 'vi' ? usage.replace('[options]', '[tùy chọn]').replace('[command]', '[lệnh]') : usage;
  }

  override subcommandTerm(cmd: Command): string {
    const term = super.subcommandTerm(cmd);
    return this.lang === 'vi' ? term.replace('[options]', '[tùy chọn]').replace('[command]', '[lệnh]') : term;
  }

  override commandDescription(cmd: Command): string {
    return pickLang(super.commandDescription(cmd), this.lang);
  }

  override subcommandDescription(cmd: Command): string {
    return pickLang(super.subcommandDescription(cmd), this.lang);
  }

  override optionDescription(option: Option): string {
    return this.withNotes(option.description, super.optionDescription(option));
  }

  override argumentDescription(argument: Argument): string {
    return this.withNotes(argument.description, super.argumentDescription(argument));
  }

  /** The description in the language, then commander's notes, translated. */
  private withNotes(description: string, full: string): string {
    let notes = full.startsWith(description) ? full.slice(description.length).trim() : '';
    if (this.lang === 'vi') for (const [re, by] of NOTES) notes = notes.replace(re, by);
    return [pickLang(description, this.lang), notes].filter(Boolean).join(' ');
  }
}

/**
 * commander's error sentences (commander 14 `lib/command.js`, `lib/suggestSimilar.js`) and their
 * Vietnamese; a sentence not in the list keeps its words after a Vietnamese "lỗi:".
 */
const ERRORS_VI: [RegExp, (...m: string[]) => string][] = [
  [/^error: unknown option '(.*)'$/, (flag) => `lỗi: không có tùy chọn '${flag}'`],
  [/^error: unknown command '(.*)'$/, (name) => `lỗi: không có lệnh '${name}'`],
  [/^error: missing required argument '(.*)'$/, (name) => `lỗi: thiếu đối số bắt buộc '${name}'`],
  [/^error: option '(.*)' argument missing$/, (flags) => `lỗi: tùy chọn '${flags}' cần một giá trị`],
  [/^error: required option '(.*)' not specified$/, (flags) => `lỗi: thiếu tùy chọn bắt buộc '${flags}'`],
  [
    /^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/,
    (flags, value, choices) =>
      `lỗi: giá trị '${value}' của tùy chọn '${flags}' không hợp lệ; chọn một trong: ${choices}.`,
  ],
  [
    /^error: option '(.*)' argument '(.*)' is invalid\.\s*(.*)$/,
    (flags, value, why) => `lỗi: giá trị '${value}' của tùy chọn '${flags}' không hợp lệ${why ? ` (${why})` : ''}.`,
  ],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (name, expected, got) => `lỗi: thừa đối số${name ? ` cho lệnh '${name}'` : ''}: cần ${expected}, nhận được ${got}.`,
  ],
  [/^\(Did you mean one of (.*)\?\)$/, (list) => `(Có phải ý bạn là một trong: ${list}?)`],
  [/^\(Did you mean (.*)\?\)$/, (one) => `(Có phải ý bạn là ${one}?)`],
  [/^error: (.*)$/, (rest) => `lỗi: ${rest}`],
];

/** commander's error output (one or more lines) in `lang`. */
export function commanderErrorText(text: string, lang: Lang): string {
  if (lang !== 'vi') return text;
  return text
    .split('\n')
    .map((line) => {
      for (const [re, say] of ERRORS_VI) {
        const m = re.exec(line);
        if (m) return say(...m.slice(1).map((x) => x ?? ''));
      }
      return line;
    })
    .join('\n');
}

/**
 * A commander Command whose help, and its subcommands' help, is in `lang` (commander's documented way to
 * change the help of a whole tree: a subclass whose createCommand makes more of itself).
 */
export function localizedCommand(lang: Lang): Command {
  class LocalizedCommand extends CommandClass {
    override createCommand(name?: string): Command {
      return new LocalizedCommand(name);
    }

    override createHelp(): Help {
      return Object.assign(new LocalizedHelp(lang), this.configureHelp());
    }
  }
  const vi = lang === 'vi';
  return new LocalizedCommand()
    .helpOption('-h, --help', vi ? 'in hướng dẫn của lệnh, có ví dụ' : 'display help for the command, with examples')
    .helpCommand('help [command]', vi ? 'in hướng dẫn của một lệnh' : 'display help for a command')
    .showHelpAfterError(vi ? '(thêm --help để xem cách dùng và ví dụ)' : '(add --help for usage and examples)');
}
