/** JSON paths as shown in error messages: `targets[3].module`, `environments["datason-0.11"]`. */

export type PathSegment = string | number;

export function formatJsonPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) {
      out += out === "" ? segment : `.${segment}`;
    } else out += `[${JSON.stringify(segment)}]`;
  }
  return out === "" ? "(root)" : out;
}
