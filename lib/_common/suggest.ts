/** "Did you mean" hints: the closest known word within a small edit distance. */

/** Levenshtein edit distance between two strings. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(
        prev[j] + 1,
        prev[j - 1] + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return prev[b.length];
}

/** The known word closest to `word`, if it is close enough to be a plausible typo. */
export function suggest(word: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** " (did you mean \"x\"?)" or "". */
export function didYouMean(word: string, known: Iterable<string>, prefix = ""): string {
  const match = suggest(word, known);
  return match === undefined ? "" : ` (did you mean "${prefix}${match}"?)`;
}

/**
 * The one message for a name that is not in a list: `unknown <what> "<name>" (did you mean
 * "<closest>"?) (known: a, b, c)`. `list: false` leaves the known names out (when a hint lists
 * them); `note` goes inside the list's parentheses after the names.
 */
export function unknownName(
  what: string,
  name: string,
  known: readonly string[],
  options: { list?: boolean; note?: string } = {},
): string {
  const note = options.note === undefined ? "" : `; ${options.note}`;
  const names = known.length === 0 ? "none" : known.join(", ");
  const list = options.list === false ? "" : ` (known: ${names}${note})`;
  return `unknown ${what} "${name}"${didYouMean(name, known)}${list}`;
}
