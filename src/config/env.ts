/**
 * Typed readers over an environment map. Blank means unset; an invalid value records one warning
 * naming the variable, the value and what is used instead, and the reader returns `undefined` so
 * the caller falls back to the next source.
 */
import { redactUserInfo } from './redact';
import { invalidEnvWarning, invalidListEntryWarning, unknownListEntryWarning } from './warnings';

/** Environment map as `process.env` has it. */
export type EnvMap = Readonly<Record<string, string | undefined>>;

/** Reads typed values from one environment map and collects warnings. */
export class EnvReader {
  readonly warnings: string[] = [];
  readonly #used = new Set<string>();

  constructor(private readonly env: EnvMap) {}

  /**
   * Variables whose value was read and accepted (at least in part) so far: where a resolved value
   * came from the environment. Invalid values, which only warn, are not in it.
   */
  get used(): ReadonlySet<string> {
    return this.#used;
  }

  /**
   * A reader of the same environment whose warnings are dropped, for a shared variable that an
   * earlier setting already read and warned about (`OTEL_EXPORTER_OTLP_TIMEOUT` for traces and metrics).
   */
  quiet(): EnvReader {
    return new EnvReader(this.env);
  }

  /** The trimmed value, or `undefined` when unset or blank. */
  string(name: string): string | undefined {
    const value = this.#raw(name);
    if (value !== undefined) this.#used.add(name);
    return value;
  }

  #raw(name: string): string | undefined {
    const raw = this.env[name];
    if (raw === undefined) return undefined;
    const trimmed = raw.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  /** Marks `name` as a source of the value returned, when there is one. */
  #accept<T>(name: string, value: T | undefined): T | undefined {
    if (value !== undefined) this.#used.add(name);
    return value;
  }

  /** `true`/`false` case-insensitively; anything else warns. Only the string `true` is true. */
  boolean(name: string, fallback: boolean): boolean | undefined {
    const value = this.#raw(name);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (lower === 'true') return this.#accept(name, true);
    if (lower === 'false') return this.#accept(name, false);
    this.warn(name, value, 'true or false', String(fallback));
    return undefined;
  }

  /** A whole number in `[min, max]`. */
  integer(name: string, min: number, max: number, fallbackText: string): number | undefined {
    const value = this.#raw(name);
    if (value === undefined) return undefined;
    const parsed = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      this.warn(name, value, `a whole number from ${min} to ${max}`, fallbackText);
      return undefined;
    }
    return this.#accept(name, parsed);
  }

  /** A finite number in `[min, max]`. */
  number(name: string, min: number, max: number, fallbackText: string): number | undefined {
    const value = this.#raw(name);
    if (value === undefined) return undefined;
    const parsed = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
      this.warn(name, value, `a number from ${min} to ${max}`, fallbackText);
      return undefined;
    }
    return this.#accept(name, parsed);
  }

  /** One of `accepted` (case-insensitive). */
  oneOf<T extends string>(name: string, accepted: readonly T[], fallbackText: string): T | undefined {
    const value = this.#raw(name);
    if (value === undefined) return undefined;
    const match = accepted.find((candidate) => candidate === value.toLowerCase());
    if (match === undefined) this.warn(name, value, `one of ${accepted.join(', ')}`, fallbackText);
    return this.#accept(name, match);
  }

  /**
   * A comma-separated list whose entries must be in `accepted`. Unknown entries warn and are left
   * out; when nothing valid remains the result is `undefined`.
   */
  list<T extends string>(name: string, accepted: readonly T[], fallbackText: string): T[] | undefined {
    const entries = this.#rawList(name);
    if (entries === undefined) return undefined;
    const known: T[] = [];
    for (const entry of entries) {
      const match = accepted.find((candidate) => candidate === entry.toLowerCase());
      if (match === undefined) {
        this.warnings.push(unknownListEntryWarning(name, entry, accepted, fallbackText));
      } else if (!known.includes(match)) {
        known.push(match);
      }
    }
    return this.#accept(name, known.length > 0 ? known : undefined);
  }

  /** A comma-separated list of free-form entries, blanks dropped. */
  rawList(name: string): string[] | undefined {
    return this.#accept(name, this.#rawList(name));
  }

  #rawList(name: string): string[] | undefined {
    const value = this.#raw(name);
    if (value === undefined) return undefined;
    const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
    return entries.length > 0 ? entries : undefined;
  }

  /**
   * A comma-separated list of entries that `parse` turns into values. An entry it rejects
   * (`undefined`) warns and is left out; when nothing valid remains the result is `undefined`.
   */
  parsedList<T>(name: string, parse: (entry: string) => T | undefined, accepted: string): T[] | undefined {
    const entries = this.#rawList(name);
    if (entries === undefined) return undefined;
    const parsed: T[] = [];
    for (const entry of entries) {
      const value = parse(entry);
      if (value === undefined) this.warnings.push(invalidListEntryWarning(name, entry, accepted));
      else parsed.push(value);
    }
    return this.#accept(name, parsed.length > 0 ? parsed : undefined);
  }

  /**
   * Reads variables that stand in for one another, most specific first (such as
   * `OTEL_EXPORTER_OTLP_TRACES_TIMEOUT` then `OTEL_EXPORTER_OTLP_TIMEOUT`): the first valid one
   * wins. Each invalid one warns once, naming the value actually used, which may come from a
   * later variable rather than the default.
   */
  firstOf<T>(
    names: readonly string[],
    read: (reader: EnvReader, name: string, used: string) => T | undefined,
    defaultText: string,
    describe: (value: T) => string = String,
  ): T | undefined {
    // A scratch reader finds the winner without recording warnings whose fallback text is not known yet.
    const scratch = new EnvReader(this.env);
    let winner: { name: string; value: T } | undefined;
    for (const name of names) {
      const value = read(scratch, name, defaultText);
      if (value !== undefined) {
        winner = { name, value };
        break;
      }
    }
    const used = winner === undefined ? defaultText : `${describe(winner.value)} from ${winner.name}`;
    for (const name of names) if (name !== winner?.name) read(this, name, used);
    if (winner !== undefined) this.#used.add(winner.name);
    return winner?.value;
  }

  /** An absolute `http://` or `https://` URL. */
  httpUrl(name: string, fallbackText: string): string | undefined {
    const value = this.#raw(name);
    if (value === undefined) return undefined;
    if (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)) return this.#accept(name, value);
    this.warn(name, redactUserInfo(value), 'an http:// or https:// URL', fallbackText);
    return undefined;
  }

  /** Records a warning for a value that is present but unusable. */
  warn(name: string, value: string, accepted: string, used: string): void {
    this.warnings.push(invalidEnvWarning(name, value, accepted, used));
  }
}
