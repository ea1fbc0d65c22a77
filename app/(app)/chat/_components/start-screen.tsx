const prompts = [
  "Add a task to buy milk",
  "What's still pending?",
  "Add call mom, pay bills and book dentist",
  "What can you do?",
];

function greeting(now = new Date()): string {
  const hour = now.getHours();
  return hour < 5 ? "Good evening" : hour < 12 ? "Good morning" : hour < 18 ? "Good afternoon" : "Good evening";
}

export function StartScreen({ userName, onPick }: { userName: string; onPick: (text: string) => void }) {
  const first = userName.trim().split(/\s+/)[0];
  return (
    <div className="flex min-h-[50vh] flex-col items-center justify-center py-10 text-center">
      <div className="mb-5 flex size-12 items-center justify-center rounded-2xl bg-indigo-600 text-xl text-white shadow-sm">
        ✓
      </div>
      <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl" suppressHydrationWarning>
        {greeting()}
        {first ? `, ${first}` : ""}
      </h1>
      <p className="mt-2 text-muted">What needs doing? Tell me and I&apos;ll keep your list.</p>
      <ul className="mt-8 grid w-full max-w-lg gap-2 sm:grid-cols-2" aria-label="Suggestions">
        {prompts.map((prompt) => (
          <li key={prompt}>
            <button
              type="button"
              onClick={() => onPick(prompt)}
              className="w-full rounded-xl border border-zinc-200 bg-white px-4 py-3 text-left text-sm text-zinc-700 shadow-xs hover:border-indigo-300 hover:bg-indigo-50/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:border-indigo-700 dark:hover:bg-indigo-950/30"
            >
              {prompt}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
