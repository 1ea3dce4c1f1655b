// Small number formats the dashboard's views share.

/** A price per million tokens: $3, $3.30, $0.06 (cents when there are any, float noise rounded away). */
export function usdPerMTok(value: number): string {
  const cents = Math.round(value * 100) / 100;
  return `$${Number.isInteger(cents) ? cents : cents.toFixed(2)}`;
}
