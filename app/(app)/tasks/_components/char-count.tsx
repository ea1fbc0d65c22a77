/** "185/200" once a field nears its limit; red past it. */
export function CharCount({ length, max, id }: { length: number; max: number; id?: string }) {
  if (length < max * 0.8) return null;
  const over = length > max;
  return (
    <span
      id={id}
      className={`text-xs tabular-nums ${over ? "font-medium text-red-600 dark:text-red-400" : "text-muted"}`}
    >
      {length}/{max}
      <span className="sr-only"> characters</span>
    </span>
  );
}
