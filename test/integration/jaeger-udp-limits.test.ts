import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { JAEGER_UDP_PACKET_LIMIT_BYTES } from '../../src/export/jaeger/packet-limit';
import { oversizeSpansDroppedWarning } from '../../src/export/jaeger/warnings';
import { assertBuilt, FIXTURE_APPS, REGISTER_CJS, startService } from './support/service-process';
import { startAgentReceiver, type AgentReceiver } from './support/thrift-receiver';

const NORMAL_SPANS = 500;
const OVERSIZE_MARKER = "larger than the Jaeger agent's UDP packet limit";

interface Run {
  agent: AgentReceiver;
  stderr: string;
}

/**
 * Runs the fixture under the register entry; it ends every span synchronously, so the batch
 * processor exports all of them in one batch when the process is about to exit.
 */
async function runFixture(hugeSpans: number): Promise<Run> {
  const agent = await startAgentReceiver();
  try {
    const service = await startService(['--require', REGISTER_CJS, join(FIXTURE_APPS, 'jaeger-udp-limits.cjs')], {
      NODE_ENV: 'production',
      OTEL_SERVICE_NAME: 'udp-limits',
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_TRACES_EXPORTER: 'jaeger',
      OTEL_EXPORTER_JAEGER_AGENT_HOST: '127.0.0.1',
      OTEL_EXPORTER_JAEGER_AGENT_PORT: String(agent.port),
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '512',
      OTEL_BSP_SCHEDULE_DELAY: '60000',
      NORMAL_SPANS: String(NORMAL_SPANS),
      HUGE_SPANS: String(hugeSpans),
    }, false);
    const { code, signal } = await service.exited;
    expect({ code, signal }, service.stderr()).toEqual({ code: 0, signal: null });
    await agent.drained();
    return { agent, stderr: service.stderr() };
  } catch (error) {
    await agent.close();
    throw error;
  }
}

function expectEveryNormalSpanOnce(agent: AgentReceiver): void {
  const normalIndexes = agent.spans.filter((span) => span.operationName === 'normal').map((span) => span.tags['test.index']);
  const detail = `packets ${JSON.stringify(agent.packetSizes)}, receive buffer ${agent.receiveBufferBytes} bytes`;
  expect(normalIndexes, detail).toHaveLength(NORMAL_SPANS);
  expect(new Set(normalIndexes), detail).toEqual(new Set(Array.from({ length: NORMAL_SPANS }, (_, index) => index)));
}

function oversizeWarnings(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.includes(OVERSIZE_MARKER));
}

describe('Jaeger agent over UDP: packet limit', () => {
  beforeAll(() => assertBuilt());

  it('drops a span larger than a packet with one warning and delivers the rest in packets within the limit', async () => {
    const { agent, stderr } = await runFixture(1);
    try {
      expect(agent.decodeErrors).toEqual([]);
      // 500 spans of about 1.8 KB (the resource travels in every span) cannot fit one packet.
      expect(agent.packetSizes.length).toBeGreaterThan(1);
      for (const size of agent.packetSizes) expect(size).toBeLessThanOrEqual(JAEGER_UDP_PACKET_LIMIT_BYTES);
      expectEveryNormalSpanOnce(agent);
      expect(agent.spans.filter((span) => span.operationName === 'huge')).toEqual([]);
      expect(oversizeWarnings(stderr)).toEqual([oversizeSpansDroppedWarning(1, JAEGER_UDP_PACKET_LIMIT_BYTES)]);
      expect(stderr).not.toMatch(/flush failed|Error:|Uncaught/);
    } finally {
      await agent.close();
    }
  });

  it('reports several oversize spans in one aggregated warning with their count', async () => {
    const { agent, stderr } = await runFixture(4);
    try {
      expect(agent.decodeErrors).toEqual([]);
      for (const size of agent.packetSizes) expect(size).toBeLessThanOrEqual(JAEGER_UDP_PACKET_LIMIT_BYTES);
      expectEveryNormalSpanOnce(agent);
      expect(agent.spans.filter((span) => span.operationName === 'huge')).toEqual([]);
      expect(oversizeWarnings(stderr)).toEqual([oversizeSpansDroppedWarning(4, JAEGER_UDP_PACKET_LIMIT_BYTES)]);
      expect(stderr).not.toMatch(/flush failed|Error:|Uncaught/);
    } finally {
      await agent.close();
    }
  });
});
