// Small statistics and formatting helpers of the benchmark reports.

/** The median of the finite values; NaN when there are none. */
export function median(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
export const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a');
export const signed = (value, digits = 1) => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(digits)}` : 'n/a');

/** The range of per-round ratios, so a reader sees how far one round can move. */
export const spread = (values) => {
  const finite = values.filter((value) => Number.isFinite(value));
  return finite.length === 0 ? '' : ` (rounds ${Math.min(...finite).toFixed(2)}–${Math.max(...finite).toFixed(2)})`;
};

/** A markdown table from a header row and data rows (arrays of cells). */
export function table(header, rows, alignRight = []) {
  const divider = header.map((_, index) => (alignRight.includes(index) ? '---:' : '---'));
  return [header, divider, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}
