// Steady state: every variant runs beside its own uninstrumented twin, a process of the same app
// that gets exactly the same load and the same idle time. All processes start, warm up and stay
// up. In each round every pair gets two adjacent slices, one for each process, the twin first in
// even rounds and second in odd ones; the round's ratio is variant / twin. Adjacent slices cancel
// the slow moments of a shared machine, which last seconds, and twins cancel what idling between
// slices does to a process.
import { fire, measureSlice, peakMemoryMb, startApp, stopApp } from './load.mjs';
import { median } from './stats.mjs';
import { VARIANTS } from './variants.mjs';

const BASELINE = VARIANTS.find((variant) => variant.id === 'bare');

/**
 * Measures `variants` of `app` against twins; resolves with one summary per variant: throughput
 * and p99 (medians over slices) with their per-round ratios, resident memory after the warm-up
 * (median of the readings after each slice) and peak, each against the twin.
 */
export async function measureSteadyState(app, variants, settings, { node } = {}) {
  const pairs = [];
  for (const variant of variants) {
    console.error(`steady state, ${app.id}: start and warm up ${variant.id} and its twin`);
    const twin = await startApp(app, BASELINE, { node });
    if (settings.warmupSeconds > 0) twin.answered += (await fire(twin.port, settings.warmupSeconds, settings.connections)).answered;
    const subject = await startApp(app, variant, { node });
    if (settings.warmupSeconds > 0) subject.answered += (await fire(subject.port, settings.warmupSeconds, settings.connections)).answered;
    pairs.push({ variant, twin, subject, rps: [], p99: [], exportsBefore: { ...subject.sink.stats } });
  }
  try {
    for (let round = 0; round < settings.rounds; round++) {
      console.error(`steady state, ${app.id}: round ${round + 1}/${settings.rounds}`);
      // Rotate the order every round so no pair always runs first or last.
      const order = pairs.map((_, index) => pairs[(index + round) % pairs.length]);
      const twinFirst = round % 2 === 0;
      for (const pair of order) {
        const first = await measureSlice(twinFirst ? pair.twin : pair.subject, settings);
        const second = await measureSlice(twinFirst ? pair.subject : pair.twin, settings);
        const [twin, subject] = twinFirst ? [first, second] : [second, first];
        pair.rps.push(subject.rps / twin.rps);
        pair.p99.push(subject.p99 / twin.p99);
      }
    }
    return pairs.map((pair) => summarize(pair));
  } finally {
    for (const pair of pairs) {
      await stopApp(pair.twin);
      await stopApp(pair.subject);
    }
  }
}

function summarize({ variant, twin, subject, rps, p99, exportsBefore }) {
  const sliceMedian = (running, measure) => median(running.slices.map((slice) => slice[measure]));
  const rssOf = (running) => median(running.rssSamples);
  const warnings = subject.stderr().trim();
  if (warnings !== '') console.error(`  ${variant.id} stderr: ${warnings.slice(0, 500)}`);
  return {
    variant,
    rps: sliceMedian(subject, 'rps'),
    twinRps: sliceMedian(twin, 'rps'),
    rpsRatio: median(rps),
    rpsRounds: rps,
    p99: sliceMedian(subject, 'p99'),
    p99Ratio: median(p99),
    rss: rssOf(subject),
    rssDelta: rssOf(subject) - rssOf(twin),
    peak: peakMemoryMb(subject),
    peakDelta: peakMemoryMb(subject) - peakMemoryMb(twin),
    exportRequests: subject.sink.stats.requests - exportsBefore.requests,
    exportBytes: subject.sink.stats.bytes - exportsBefore.bytes,
    answered: subject.answered,
    metricsCounted: subject.scraped,
  };
}
