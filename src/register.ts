/**
 * `node --require otel-bootstrap/register app.js`: starts tracing from environment variables
 * before the application loads. Worker threads inherit the flag, so each worker traces too, with
 * its own tracer provider built from the same environment: its spans reach the same exporter
 * configuration, and signals stay with the main thread.
 */
import { init } from './init';

init();
