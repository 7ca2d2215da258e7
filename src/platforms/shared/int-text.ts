// Decimal text of the large integers list answers carry as JSON numbers (goods ids like 700123456000).

/** String(n) for a safe integer n ≥ 0. Past 2^30 a number is no small integer to V8 and String() takes its
 * floating-point path, about 200 ns a call (a list's goods ids cost a twentieth of its JSON.parse); here the two
 * parts around 10^8 are small integers. */
export function safeIntText(n: number): string {
  if (n < 1e8) return String(n);
  let hi = Math.floor(n / 1e8);
  let lo = n - hi * 1e8;
  // n / 1e8 may round up to the next integer near 2^53: correct the split by one.
  if (lo < 0) {
    hi--;
    lo += 1e8;
  } else if (lo >= 1e8) {
    hi++;
    lo -= 1e8;
  }
  return String(hi) + String(1e8 + lo).slice(1);
}
