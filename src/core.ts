/**
 * Every entry point's implementation in one bundle (`dist/core.cjs`). The published entry files
 * (`otel-bootstrap`, `/register`, `/testing`, `/opentracing`) are thin files that load it, so a process that uses
 * several of them holds one copy of each module and of its state.
 */
import * as main from './index';
import * as testing from './testing/index';
import * as opentracing from './opentracing/index';

export { main, testing, opentracing };
export { registerEntryNeedsEsmHook, startFromRegisterEntry } from './register-entry';
