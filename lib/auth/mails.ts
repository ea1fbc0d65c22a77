import "server-only";
import type { Mail } from "@/lib/mail";

type Recipient = { email: string; name: string };

/** The link that confirms a new account's address (Better Auth's verify-email URL). */
export function verificationMail(user: Recipient, url: string): Mail {
  return {
    to: user.email,
    subject: "Confirm your email for Taskchat",
    text: [
      `Hi ${user.name},`,
      "",
      "Confirm your email address to start using Taskchat:",
      url,
      "",
      "The link works for one hour. If you did not sign up, ignore this mail: nothing happens.",
    ].join("\n"),
  };
}

/**
 * Sent instead of a second account when someone signs up with an address that already has one,
 * so sign-up answers the same either way and only the owner learns of the attempt.
 */
export function existingAccountMail(user: Recipient, signInUrl: string): Mail {
  return {
    to: user.email,
    subject: "Someone tried to sign up to Taskchat with your address",
    text: [
      `Hi ${user.name},`,
      "",
      "Someone just tried to create a Taskchat account with this email address, which already has one.",
      "If it was you, sign in instead (you can reset your password there if you forgot it):",
      signInUrl,
      "",
      "If it was not you, you can ignore this mail: your account has not changed.",
    ].join("\n"),
  };
}
