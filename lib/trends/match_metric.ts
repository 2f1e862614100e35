/**
 * The `--metric` filter: comma-separated patterns, each a case-insensitive substring or, when it
 * holds `*`, a glob over the whole text; a series matches when any pattern matches its id
 * (`suite/scenario/target/environment/operation`) or its label (`target · scenario · operation`).
 */

export function matchesMetric(
  series: { id: string; label: string },
  filter: string | null,
): boolean {
  if (filter === null || filter.trim() === "") return true;
  const id = series.id.toLowerCase();
  const label = series.label.toLowerCase();
  return filter.split(",").map((p) => p.trim().toLowerCase()).filter((p) => p !== "").some(
    (pattern) => {
      if (!pattern.includes("*")) return id.includes(pattern) || label.includes(pattern);
      const regex = new RegExp(
        `^${
          pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")
        }$`,
      );
      return regex.test(id) || regex.test(label);
    },
  );
}
