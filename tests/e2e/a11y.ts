// The one accessibility audit for the browser tests: axe-core's WCAG 2.1 A/AA rules on the page as it
// is now, in light and dark.
import AxeBuilder from "@axe-core/playwright";
import { type Page, expect } from "@playwright/test";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

/** "color-contrast (serious): Elements must meet minimum color contrast ratio thresholds" + one line per node. */
function describe(v: Violation): string {
  const nodes = v.nodes.map((n) => `  ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ") ?? ""}`);
  return [`${v.id} (${v.impact ?? "?"}): ${v.help}`, ...nodes].join("\n");
}

/**
 * Fails on ANY WCAG 2.1 A/AA violation axe-core finds, first in the light theme, then in the dark one;
 * the page is left in the scheme it had. `include` narrows the audit to a part of the page (a CSS
 * selector). axe-core goes in through the DevTools protocol (Playwright's evaluate), which the page's
 * nonce CSP does not govern, so no bypassCSP is needed.
 */
export async function expectAccessible(page: Page, label: string, options: { include?: string } = {}): Promise<void> {
  const before = await page.evaluate(() => ({
    dark: matchMedia("(prefers-color-scheme: dark)").matches,
    still: matchMedia("(prefers-reduced-motion: reduce)").matches,
  }));
  // Reduced motion switches transitions off, so colours are read at rest, not halfway through a
  // theme change.
  await page.emulateMedia({ reducedMotion: "reduce" });
  try {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const builder = new AxeBuilder({ page }).withTags(WCAG_21_AA);
      if (options.include) builder.include(options.include);
      const { violations } = await builder.analyze();
      expect(violations.map(describe), `axe-core, WCAG 2.1 AA: ${label} (${colorScheme})`).toEqual([]);
    }
  } finally {
    await page.emulateMedia({
      colorScheme: before.dark ? "dark" : "light",
      reducedMotion: before.still ? "reduce" : "no-preference",
    });
  }
}
