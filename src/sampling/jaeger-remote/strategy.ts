/**
 * The sampling strategy a Jaeger agent, collector or `remote_sampling` extension answers on its
 * HTTP sampling endpoint (`GET /sampling?service=NAME`), as JSON of Jaeger's
 * `SamplingStrategyResponse`. `strategyType` comes as a name (`PROBABILISTIC`, `RATE_LIMITING`) or,
 * from older agents and Jaeger v2 itself, as its number (0, 1), and proto3 JSON leaves out
 * zero values, so a missing type means probabilistic. `operationSampling`, when present, wins.
 */

/** A strategy this package can apply. */
export type SamplingStrategy =
  | { readonly type: 'probabilistic'; readonly samplingRate: number }
  | { readonly type: 'ratelimiting'; readonly maxTracesPerSecond: number }
  | {
      readonly type: 'peroperation';
      readonly defaultSamplingRate: number;
      readonly defaultLowerBoundTracesPerSecond: number;
      readonly operations: ReadonlyMap<string, number>;
    };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isRate = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= 1;
const isNonNegative = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Parses a response body; throws an `Error` saying what is wrong with it. */
export function parseStrategy(body: string): SamplingStrategy {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error('the answer is not JSON');
  }
  if (!isObject(json)) throw new Error('the answer is not a JSON object');
  const operations = json.operationSampling;
  if (operations !== undefined && operations !== null) return parsePerOperation(operations);
  const type = json.strategyType ?? 0;
  if (type === 0 || type === 'PROBABILISTIC') {
    const rate = isObject(json.probabilisticSampling) ? (json.probabilisticSampling.samplingRate ?? 0) : undefined;
    if (!isRate(rate)) throw new Error('probabilisticSampling.samplingRate is missing or not a number from 0 to 1');
    return { type: 'probabilistic', samplingRate: rate };
  }
  if (type === 1 || type === 'RATE_LIMITING') {
    const perSecond = isObject(json.rateLimitingSampling) ? (json.rateLimitingSampling.maxTracesPerSecond ?? 0) : undefined;
    if (!isNonNegative(perSecond)) throw new Error('rateLimitingSampling.maxTracesPerSecond is missing or negative');
    return { type: 'ratelimiting', maxTracesPerSecond: perSecond };
  }
  throw new Error(`strategyType ${JSON.stringify(type)} is not PROBABILISTIC (0) or RATE_LIMITING (1)`);
}

function parsePerOperation(value: unknown): SamplingStrategy {
  if (!isObject(value)) throw new Error('operationSampling is not an object');
  const defaultSamplingRate = value.defaultSamplingProbability ?? 0;
  const defaultLowerBound = value.defaultLowerBoundTracesPerSecond ?? 0;
  if (!isRate(defaultSamplingRate)) throw new Error('operationSampling.defaultSamplingProbability is not a number from 0 to 1');
  if (!isNonNegative(defaultLowerBound)) throw new Error('operationSampling.defaultLowerBoundTracesPerSecond is negative or not a number');
  const list = value.perOperationStrategies ?? [];
  if (!Array.isArray(list)) throw new Error('operationSampling.perOperationStrategies is not a list');
  const operations = new Map<string, number>();
  for (const entry of list) {
    if (!isObject(entry) || typeof entry.operation !== 'string') throw new Error('an entry of perOperationStrategies has no operation name');
    const rate = isObject(entry.probabilisticSampling) ? (entry.probabilisticSampling.samplingRate ?? 0) : undefined;
    if (!isRate(rate)) throw new Error(`operation ${JSON.stringify(entry.operation)} has no samplingRate from 0 to 1`);
    operations.set(entry.operation, rate);
  }
  return { type: 'peroperation', defaultSamplingRate, defaultLowerBoundTracesPerSecond: defaultLowerBound, operations };
}

/** A short description of a strategy, for messages and `toString`. */
export function describeStrategy(strategy: SamplingStrategy): string {
  switch (strategy.type) {
    case 'probabilistic':
      return `probabilistic ${strategy.samplingRate}`;
    case 'ratelimiting':
      return `ratelimiting ${strategy.maxTracesPerSecond}/s`;
    case 'peroperation':
      return `per-operation (default ${strategy.defaultSamplingRate}, lower bound ${strategy.defaultLowerBoundTracesPerSecond}/s, ${[...strategy.operations].map(([name, rate]) => `${name}=${rate}`).join(', ')})`;
  }
}
