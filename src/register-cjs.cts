/**
 * `node --require otel-bootstrap/register app.js`: the compile cache first, then tracing from
 * environment variables, before the application loads (see `src/register-entry.ts`).
 */
import { enableCompileCacheUnlessDisabled } from './compile-cache';

enableCompileCacheUnlessDisabled(process.env);
(require('./core.cjs') as typeof import('./core')).startFromRegisterEntry();
