/**
 * Upper bounds of the config's counts and durations, as `datason-bench.schema.json` declares them
 * (a test keeps the two in step). They are generous for real use, many times the defaults, and
 * exist so that a typo such as `"processes": 1e9` is an input error naming the field (exit 2)
 * instead of a plan that fills the memory, or a timeout that overflows the timer.
 *
 * | field                                   | bound       | default (weekly profile) |
 * |-----------------------------------------|-------------|--------------------------|
 * | processes                               | 1 … 1000    | 8 (pr 16)                |
 * | values                                  | 1 … 1000    | 5                        |
 * | warmups                                 | 0 … 100     | 1                        |
 * | minValueSeconds                         | > 0 … 60    | 0.05                     |
 * | timeoutSeconds                          | > 0 … 86400 | 600                      |
 * | records (profile) / scenarios.*.count   | 1 … 10^7    | all / 20 … 1000          |
 * | trends.days (and `trends --days`)       | 1 … 36500   | 90                       |
 * | trends.minSegment                       | 2 … 1000    | 3                        |
 * | trends.permutations                     | 19 … 100000 | 999                      |
 */

export const MAX_PROCESSES = 1000;
export const MAX_VALUES = 1000;
export const MAX_WARMUPS = 100;
export const MAX_MIN_VALUE_SECONDS = 60;
/** One day: far beyond any sane request, and far below setTimeout's 24.8-day limit. */
export const MAX_TIMEOUT_SECONDS = 86_400;
/** Records per scenario, generated (`count`, `generate --count`) or used (`records`). */
export const MAX_RECORDS = 10_000_000;
/** One hundred years. */
export const MAX_TREND_DAYS = 36_500;
export const MAX_MIN_SEGMENT = 1000;
export const MAX_PERMUTATIONS = 100_000;
