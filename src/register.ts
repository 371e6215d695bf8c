/**
 * `node --require otel-bootstrap/register app.js`: starts tracing from environment variables
 * before the application loads. Worker threads are left alone; the main thread traces the process.
 */
import { isMainThread } from 'node:worker_threads';
import { init } from './init';

if (isMainThread) init();
