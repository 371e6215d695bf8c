/** One stable colour per service, spread around the colour wheel. */
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#e15759', '#bab0ac'];

/** The colour of a service in a trace whose services are `services` (sorted). */
export function serviceColor(service: string, services: readonly string[]): string {
  const index = services.indexOf(service);
  if (index >= 0 && index < PALETTE.length) return PALETTE[index] as string;
  let hash = 0;
  for (let i = 0; i < service.length; i++) hash = (hash * 31 + service.charCodeAt(i)) >>> 0;
  return `hsl(${hash % 360} 55% 50%)`;
}
