/** `text` cut to at most `maxLength` characters (code points), the last one an ellipsis when cut. */
export function cutText(text: string, maxLength: number): string {
  const chars = [...text];
  return chars.length <= maxLength ? text : `${chars.slice(0, maxLength - 1).join("")}…`;
}
