import type { CliIo } from './command';

/** Progress lines of long work, on stderr so stdout stays clean for `--json` and pipes. */
export interface Progress {
  /** Reports the current state; shown at most every `intervalMillis`. */
  update(text: string): void;
  /** Shows the final state and ends the progress line. */
  done(text: string): void;
}

/**
 * On a terminal the line is redrawn in place; elsewhere (logs, CI) a new line is written at
 * most every `intervalMillis`. `quiet` shows nothing.
 */
export function createProgress(io: CliIo, quiet: boolean, intervalMillis = 1000): Progress {
  let last = 0;
  let drawn = false;
  return {
    update(text) {
      if (quiet) return;
      const now = Date.now();
      if (now - last < (io.interactive ? 100 : intervalMillis)) return;
      last = now;
      if (io.interactive) {
        io.stderr(`\r\u001b[2K${text}`);
        drawn = true;
      } else io.stderr(`${text}\n`);
    },
    done(text) {
      if (quiet) return;
      io.stderr(io.interactive && drawn ? `\r\u001b[2K${text}\n` : `${text}\n`);
    },
  };
}
