/** @module Small statistics and formatting helpers for timings. */

export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

export const round = (x, digits = 3) => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : null);
export const mb = (bytes) => round(bytes / (1024 * 1024), 3);

/** "1.23 ms", "12.3 ms", "1,234 ms". */
export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return "-";
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString("en-US")} ms`;
}

/** "2.9M/s", "16k/s", "950/s". */
export function fmtRate(r) {
  if (!Number.isFinite(r)) return "-";
  if (r >= 1e6) return `${(r / 1e6).toFixed(r >= 1e7 ? 1 : 2)}M/s`;
  if (r >= 1e3) return `${(r / 1e3).toFixed(r >= 1e5 ? 0 : 1)}k/s`;
  return `${Math.round(r)}/s`;
}

export const fmtRatio = (x) => (Number.isFinite(x) ? `${x >= 100 ? Math.round(x) : x.toFixed(1)}x` : "-");
export const fmtMb = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} MB` : "-");
