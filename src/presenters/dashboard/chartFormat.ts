// How the dashboard's charts write their numbers and times (table cells, summaries). Local time:
// the budget's month and the charts' days are the user's calendar.

/** "$12.34", "$0.0042" below a cent, "$0.00" for nothing; never more digits than matter. */
export function usd(n: number): string {
  const abs = Math.abs(n);
  const text = `$${abs.toFixed(abs > 0 && abs < 0.01 ? 4 : 2)}`;
  return n < 0 ? `−${text}` : text;
}

/** "12,345" (grouped, no decimals). */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function ms(n: number | undefined): string {
  return n === undefined ? '—' : `${count(n)} ms`;
}

/** A share as "3.2 %" (one decimal below 10 %, whole above). */
export function percent(ratio: number): string {
  const p = ratio * 100;
  return `${p.toFixed(p > 0 && p < 10 ? 1 : 0)} %`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026-11-20 14:00" */
export function dateTime(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "1 h 5 min", "12 min", "40 s". */
export function duration(msLong: number): string {
  const s = Math.round(msLong / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "November 2026" for "2026-11". */
export function monthName(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${MONTHS[(m ?? 1) - 1] ?? month} ${y}`;
}
