/**
 * `node --require otel-bootstrap/register app.js`: starts tracing from environment variables
 * before the application loads. The published entry file is a thin file that calls this through
 * `dist/core.cjs` (see `scripts/write-entries.mjs`); this module gives it its types.
 */
import { startFromRegisterEntry } from './register-entry';

startFromRegisterEntry();
