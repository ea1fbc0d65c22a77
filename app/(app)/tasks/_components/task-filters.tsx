"use client";

import { Search, X } from "lucide-react";
import { useEffect, useState } from "react";
import { tasksApi } from "@/lib/api-client";
import { DUE_FILTERS, type DueFilter, TASK_PRIORITIES, TASK_SORTS, type TaskSort } from "@/lib/tasks/schemas";
import type { TagCount } from "@/lib/tasks/service";
import type { ListQuery, QueryKey } from "../_lib/filter";
import { PRIORITY_LABELS } from "../_lib/task-fields";
import { field, secondaryButton } from "./styles";

type Props = {
  query: ListQuery;
  onChange: (changes: Partial<Record<QueryKey, string | null>>) => void;
};

const SEARCH_DEBOUNCE_MS = 300;

const DUE_LABELS: Record<DueFilter, string> = {
  overdue: "Overdue",
  today: "Due today",
  tomorrow: "Due tomorrow",
  week: "Due in the next 7 days",
  none: "No due date",
  any: "Has a due date",
};
const SORT_LABELS: Record<TaskSort, string> = {
  created: "Newest",
  due: "Due date",
  priority: "Priority",
  title: "Title",
  updated: "Recently changed",
};

const label = "block text-xs font-medium text-zinc-700 dark:text-zinc-300";
const control = `${field} mt-1 py-1.5`;

const ORDER_OPTIONS: Option[] = [
  ["", "Usual"],
  ["asc", "Ascending"],
  ["desc", "Descending"],
];

/** [value, label] of a select's option. */
type Option = readonly [string, string];

/** A labelled select of the filter row: `children` go before the options (an "Any", say). */
function FilterSelect({
  id,
  label: text,
  value,
  onChange,
  options,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  children?: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className={label}>
        {text}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={control}>
        {children}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Search, filters by priority, tag and due date, and the order of the list. */
export function TaskFilters({ query, onChange }: Props) {
  const [search, setSearch] = useState(query.q ?? "");
  const [tags, setTags] = useState<TagCount[]>([]);
  // The last search this box put in the URL: when the URL brings that back, it is our own echo.
  const [sent, setSent] = useState(query.q ?? "");

  // The box follows the URL (back button, a shared link) unless the person is typing in it.
  const urlQ = query.q ?? "";
  const [seenQ, setSeenQ] = useState(urlQ);
  if (urlQ !== seenQ) {
    setSeenQ(urlQ);
    if (urlQ !== sent) {
      setSent(urlQ);
      setSearch(urlQ);
    }
  }

  useEffect(() => {
    const trimmed = search.trim();
    if (trimmed === urlQ) return;
    const timer = setTimeout(() => {
      setSent(trimmed);
      onChange({ q: trimmed || null });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, urlQ, onChange]);

  useEffect(() => {
    tasksApi.tags().then(
      (r) => setTags(r.tags),
      () => setTags([]), // the tag menu then offers only the tag in the URL
    );
  }, []);

  const priority = query.priority?.join(",") ?? "";
  const tag = query.tag?.join(",") ?? "";
  const tagNames = tags.map((t) => t.name);
  const active = Boolean(urlQ || priority || tag || query.due || query.sort || query.order);

  return (
    <div role="search" aria-label="Search and filter tasks" className="space-y-2">
      <div className="relative">
        <label htmlFor="task-search" className="sr-only">
          Search tasks
        </label>
        <Search
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted"
          aria-hidden
        />
        <input
          id="task-search"
          type="search"
          autoComplete="off"
          placeholder="Search tasks"
          maxLength={200}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className={`${field} pl-9`}
        />
      </div>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        <FilterSelect
          id="filter-priority"
          label="Priority"
          value={priority}
          onChange={(v) => onChange({ priority: v || null })}
          options={[...TASK_PRIORITIES].reverse().map((p) => [p, PRIORITY_LABELS[p]])}
        >
          <option value="">Any</option>
          {!TASK_PRIORITIES.some((p) => p === priority) && priority && <option value={priority}>{priority}</option>}
        </FilterSelect>
        <FilterSelect
          id="filter-tag"
          label="Tag"
          value={tag}
          onChange={(v) => onChange({ tag: v || null })}
          options={tags.map((t) => [t.name, `#${t.name} (${t.count})`])}
        >
          <option value="">Any</option>
          {tag && !tagNames.includes(tag) && <option value={tag}>#{tag}</option>}
        </FilterSelect>
        <FilterSelect
          id="filter-due"
          label="Due"
          value={query.due ?? ""}
          onChange={(v) => onChange({ due: v || null })}
          options={DUE_FILTERS.map((d) => [d, DUE_LABELS[d]])}
        >
          <option value="">Any time</option>
        </FilterSelect>
        <FilterSelect
          id="filter-sort"
          label="Sort by"
          value={query.sort ?? "created"}
          onChange={(v) => onChange({ sort: v === "created" ? null : v })}
          options={TASK_SORTS.map((s) => [s, SORT_LABELS[s]])}
        />
        <FilterSelect
          id="filter-order"
          label="Order"
          value={query.order ?? ""}
          onChange={(v) => onChange({ order: v || null })}
          options={ORDER_OPTIONS}
        />
      </div>
      {active && (
        <button
          type="button"
          onClick={() => {
            setSearch("");
            setSent("");
            onChange({ q: null, priority: null, tag: null, due: null, sort: null, order: null });
          }}
          className={`${secondaryButton} gap-1 px-2`}
        >
          <X className="size-4" aria-hidden />
          Clear filters
        </button>
      )}
    </div>
  );
}
