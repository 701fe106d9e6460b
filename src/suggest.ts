/**
 * "Did you mean …?" for misspelt names (commands, options, data sets, losses, optimizers, …): the
 * closest known names by edit distance, so a typo's message points at the fix.
 */

/** Levenshtein distance between a and b (case-insensitive; insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    prev = cur;
  }
  return prev[t.length] as number;
}

/** The known names within a typo's reach of `name` (distance ≤ max(2, a third of its length)), closest first. */
export function closest(name: string, known: Iterable<string>): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  return [...new Set(known)]
    .map((k) => ({ k, d: editDistance(name, k) }))
    .filter(({ k, d }) => d <= limit && k !== name)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .map(({ k }) => k);
}

/** ` (did you mean "adam"?)` for the closest known name, or "" when none is close. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const best = closest(name, known).slice(0, 2);
  if (best.length === 0) return "";
  return ` (did you mean ${best.map((b) => `"${b}"`).join(" or ")}?)`;
}
