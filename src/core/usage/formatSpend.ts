/** "$1.23", or "$1.23 + unknown" when some requests have no price: never a bare $0 for unknown. */
export function formatSpend(usd: number, unpriced: number): string {
  const known = `$${usd.toFixed(usd > 0 && usd < 0.01 ? 4 : 2)}`;
  if (unpriced === 0) return known;
  return usd === 0 ? `unknown (${unpriced} unpriced)` : `${known} + unknown (${unpriced} unpriced)`;
}
