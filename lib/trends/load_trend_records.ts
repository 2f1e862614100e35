/**
 * Loads the RunRecords a trends window needs. The store keeps runs in `<YYYY-MM-DD>/` folders
 * named by their start date, so with a window of `days` the folders older than the newest folder
 * minus `days` (and two days of slack for time of day) cannot hold a run of the window and are not
 * parsed: five years of history cost what one quarter does. Files outside date folders are always
 * read, and the exact window is still cut by `analyzeTrends()` from the runs' timestamps. Date
 * folders named after the newest plausible start (a machine with a wrong clock wrote them) do not
 * move the window; their records are reported as `future-date` problems.
 */

import { listRunRecords, newestPlausibleStart, type StoreListing } from "../results/store.ts";

const DATE_FOLDER = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;
const SLACK_DAYS = 2;

export async function loadTrendRecords(
  resultsDir: string,
  days: number | null,
): Promise<StoreListing> {
  if (days === null) return await listRunRecords(resultsDir);
  const latestDay = newestPlausibleStart().slice(0, 10);
  let newest: string | null = null;
  try {
    for await (const entry of Deno.readDir(resultsDir)) {
      if (
        entry.isDirectory && DATE_FOLDER.test(entry.name) && entry.name <= latestDay &&
        (newest === null || entry.name > newest)
      ) {
        newest = entry.name;
      }
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  if (newest === null || Number.isNaN(Date.parse(`${newest}T00:00:00Z`))) {
    return await listRunRecords(resultsDir);
  }
  const since = new Date(Date.parse(`${newest}T00:00:00Z`) - (days + SLACK_DAYS) * MS_PER_DAY)
    .toISOString().slice(0, 10);
  return await listRunRecords(resultsDir, { since });
}
