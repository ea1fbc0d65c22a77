import "server-only";
import { createTransport, type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export type Mail = { to: string; subject: string; text: string };

let transport: Transporter | undefined;

/** Whether a mail transport is configured (SMTP_URL): email verification is on only then. */
export function mailEnabled(): boolean {
  return Boolean(env().SMTP_URL);
}

/** Sends one plain-text mail through SMTP_URL, from MAIL_FROM. */
export async function sendMail(mail: Mail): Promise<void> {
  const e = env();
  if (!e.SMTP_URL) throw new Error("sendMail without SMTP_URL");
  transport ??= createTransport(e.SMTP_URL);
  const from = e.MAIL_FROM ?? `Taskchat <no-reply@${new URL(e.BETTER_AUTH_URL).hostname}>`;
  await transport.sendMail({ from, ...mail });
}
