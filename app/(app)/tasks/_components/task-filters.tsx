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
        <div>
          <label htmlFor="filter-priority" className={label}>
            Priority
          </label>
          <select
            id="filter-priority"
            value={priority}
            onChange={(e) => onChange({ priority: e.target.value || null })}
            className={control}
          >
            <option value="">Any</option>
            {!TASK_PRIORITIES.some((p) => p === priority) && priority && <option value={priority}>{priority}</option>}
            {[...TASK_PRIORITIES].reverse().map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-tag" className={label}>
            Tag
          </label>
          <select
            id="filter-tag"
            value={tag}
            onChange={(e) => onChange({ tag: e.target.value || null })}
            className={control}
          >
            <option value="">Any</option>
            {tag && !tagNames.includes(tag) && <option value={tag}>#{tag}</option>}
            {tags.map((t) => (
              <option key={t.name} value={t.name}>
                #{t.name} ({t.count})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-due" className={label}>
            Due
          </label>
          <select
            id="filter-due"
            value={query.due ?? ""}
            onChange={(e) => onChange({ due: e.target.value || null })}
            className={control}
          >
            <option value="">Any time</option>
            {DUE_FILTERS.map((d) => (
              <option key={d} value={d}>
                {DUE_LABELS[d]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-sort" className={label}>
            Sort by
          </label>
          <select
            id="filter-sort"
            value={query.sort ?? "created"}
            onChange={(e) => onChange({ sort: e.target.value === "created" ? null : e.target.value })}
            className={control}
          >
            {TASK_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-order" className={label}>
            Order
          </label>
          <select
            id="filter-order"
            value={query.order ?? ""}
            onChange={(e) => onChange({ order: e.target.value || null })}
            className={control}
          >
            <option value="">Usual</option>
            <option value="asc">Ascending</option>
            <option value="desc">Descending</option>
          </select>
        </div>
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
