import { describe, expect, it } from 'vitest';
import { MissingOptionalPackageError, missingOptionalPackageMessage, requireOptional } from '../../src/optional-package';

describe('requireOptional', () => {
  it('loads an installed package', () => {
    const api = requireOptional<typeof import('@opentelemetry/api')>('@opentelemetry/api', 'tracing');
    expect(typeof api.trace.getTracer).toBe('function');
  });

  it('names the missing package, what needs it and how to install it', () => {
    let thrown: unknown;
    try {
      requireOptional('@example/not-installed-anywhere', 'The example exporter');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MissingOptionalPackageError);
    expect((thrown as MissingOptionalPackageError).packageName).toBe('@example/not-installed-anywhere');
    expect((thrown as Error).message).toBe(missingOptionalPackageMessage('@example/not-installed-anywhere', 'The example exporter'));
    expect((thrown as Error).message).toBe(
      'otel-bootstrap: The example exporter needs the optional package @example/not-installed-anywhere; install it next to otel-bootstrap (npm install @example/not-installed-anywhere).',
    );
  });
});
