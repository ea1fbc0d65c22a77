/** A conversation title from its first message: the first line, cut at a word boundary. */
export function titleFromMessage(message: string): string {
  const line = message.trim().split("\n")[0]!.replace(/\s+/g, " ");
  if (line.length <= 60) return line;
  const cut = line.slice(0, 60);
  const space = cut.lastIndexOf(" ");
  return `${(space > 30 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, "")}…`;
}
