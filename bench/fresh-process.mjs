// The first seconds of a process, where autoscaling and rolling deploys live: every slice is a new
// process, loaded for a short unmeasured pre-load and then measured, against a new uninstrumented
// twin started and measured the same way right before or after it (alternating by round).
import { fire, startApp, stopApp } from './load.mjs';
import { median } from './stats.mjs';
import { VARIANTS } from './variants.mjs';

const BASELINE = VARIANTS.find((variant) => variant.id === 'bare');

async function freshSlice(app, variant, settings) {
  const running = await startApp(app, variant);
  try {
    if (settings.freshPreloadSeconds > 0) await fire(running.port, settings.freshPreloadSeconds, settings.connections);
    return await fire(running.port, settings.freshSeconds, settings.connections);
  } finally {
    await stopApp(running);
  }
}

/** Measures `variants` of `app` in fresh processes; resolves with one summary per variant. */
export async function measureFreshProcesses(app, variants, settings) {
  const results = variants.map((variant) => ({ variant, rps: [], ratios: [], p99: [] }));
  for (let round = 0; round < settings.freshRounds; round++) {
    console.error(`fresh processes, ${app.id}: round ${round + 1}/${settings.freshRounds}`);
    for (const result of results) {
      const twinFirst = round % 2 === 0;
      const first = await freshSlice(app, twinFirst ? BASELINE : result.variant, settings);
      const second = await freshSlice(app, twinFirst ? result.variant : BASELINE, settings);
      const [twin, subject] = twinFirst ? [first, second] : [second, first];
      result.rps.push(subject.rps);
      result.ratios.push(subject.rps / twin.rps);
      result.p99.push(subject.p99 / twin.p99);
    }
  }
  return results.map(({ variant, rps, ratios, p99 }) => ({ variant, rps: median(rps), rpsRatio: median(ratios), rpsRounds: ratios, p99Ratio: median(p99) }));
}
