import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";

export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable" against online attacks and slowed offline ones. */
const MIN_SCORE = 3;

let checker: ZxcvbnFactory | undefined;

// Built on first use: the dictionaries are large, and most requests never set a password.
function strength(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary },
    graphs: adjacencyGraphs,
    translations,
  });
  return checker;
}

/**
 * Why a new password is refused — too short, or too easy to guess (common passwords, words,
 * keyboard patterns, repeats, the user's own name or email) — or null when it is fine. The
 * reason is shown on the form as it is.
 */
export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`;
  const result = strength().check(password, userInputs);
  if (result.score >= MIN_SCORE) return null;
  const hint = result.feedback.suggestions[0] ?? "Add a few more uncommon words.";
  const warning = result.feedback.warning ?? "This password is too easy to guess.";
  return `${warning.replace(/\.?$/, ".")} ${hint}`;
}
