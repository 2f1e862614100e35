/**
 * Whether a target id matches one of the gate patterns. A pattern is a literal id in which `*`
 * matches any run of characters (`datason*` matches `datason`, `datason-str`, `datason-cfg-ml`).
 */
export function matchesGate(target: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => globToRegExp(pattern).test(target));
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`);
}
