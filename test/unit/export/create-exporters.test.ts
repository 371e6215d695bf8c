import { ConsoleSpanExporter, InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve';
import { createExporters } from '../../../src/export/create-exporters';
import { createProcessors } from '../../../src/processing/create-processors';

function builtFor(exporter: InMemorySpanExporter | ConsoleSpanExporter): { remote: boolean; processor: string } {
  const { config } = resolveConfig({ serviceName: 'svc', exporter }, {});
  const built = createExporters(config);
  const [processor] = createProcessors(built, config);
  return { remote: built[0]?.remote ?? true, processor: processor?.constructor.name ?? '' };
}

describe('exporter instances', () => {
  it('treats the SDK in-memory and console exporters as local, so spans reach them as they end', () => {
    const memory = builtFor(new InMemorySpanExporter());
    const consoleExporter = builtFor(new ConsoleSpanExporter());
    expect(memory.remote).toBe(false);
    expect(consoleExporter.remote).toBe(false);
    expect(memory.processor).not.toMatch(/Batch/);
  });

  it('batches any other exporter instance', () => {
    const custom = { export: () => undefined, shutdown: () => Promise.resolve() };
    const { config } = resolveConfig({ serviceName: 'svc', exporter: custom }, {});
    expect(createExporters(config)[0]?.remote).toBe(true);
  });
});
