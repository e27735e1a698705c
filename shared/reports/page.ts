import { formatText, type LocalizedText } from '#shared/i18n/catalogue';
import { DEFAULT_LOCALE, type Locale } from '#shared/i18n/locale';

// What every HTML page Trellis renders (test-run reports, analysis reports) shares: the
// language and time zone it is written in, its words, numbers and dates in them, and the
// escaping of anything that came from a user or a report.

/** The language of a page and the time zone its dates are shown in. */
export interface ReportLanguage {
  locale: Locale;
  /** An IANA time zone name, e.g. `Asia/Shanghai`. */
  timeZone: string;
}

export const DEFAULT_REPORT_LANGUAGE: ReportLanguage = { locale: DEFAULT_LOCALE, timeZone: 'UTC' };

/** The page's words, numbers and dates in one language and time zone. */
export class Words {
  private readonly numbers = new Map<number, Intl.NumberFormat>();
  private readonly dates: Intl.DateTimeFormat;

  constructor(readonly language: ReportLanguage) {
    this.dates = new Intl.DateTimeFormat(language.locale, {
      dateStyle: 'medium',
      timeStyle: 'long',
      timeZone: language.timeZone,
    });
  }

  /** A catalogue text, escaped for HTML (placeholders may hold values from a report). */
  say(message: LocalizedText): string {
    return text(formatText(message, this.language.locale));
  }

  /** A number with at most `digits` decimals (exactly `digits` when `fixed`). */
  number(value: number, digits = 0, fixed = false): string {
    const key = fixed ? -1 - digits : digits;
    let format = this.numbers.get(key);
    if (!format) {
      format = new Intl.NumberFormat(this.language.locale, {
        maximumFractionDigits: digits,
        minimumFractionDigits: fixed ? digits : 0,
      });
      this.numbers.set(key, format);
    }
    return format.format(value);
  }

  /** An ISO timestamp in the page's time zone; anything unreadable as it came. */
  date(iso: string): string {
    const time = Date.parse(iso);
    return Number.isNaN(time) ? iso : this.dates.format(time);
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute content from a user or a report. */
export function text(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] as string);
}
