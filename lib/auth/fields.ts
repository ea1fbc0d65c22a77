import { z } from "zod";

export const MAX_NAME_LENGTH = 100;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PASSWORD_LENGTH = 128;

/**
 * Bounds on every user-supplied field Better Auth's endpoints accept (sign-up, update-user,
 * change-email, change/reset password…): checked before the endpoint runs, on top of the
 * 64 KiB body cap. Fields an endpoint does not take are simply absent.
 */
export const authFieldsSchema = z.looseObject({
  name: z
    .string()
    .trim()
    .min(1, "Name is required")
    .max(MAX_NAME_LENGTH, `Name must be at most ${MAX_NAME_LENGTH} characters`)
    .optional(),
  email: z.string().max(MAX_EMAIL_LENGTH).optional(),
  newEmail: z.string().max(MAX_EMAIL_LENGTH).optional(),
  image: z.string().max(2048).nullable().optional(),
  callbackURL: z.string().max(2048).optional(),
  password: z.string().max(MAX_PASSWORD_LENGTH).optional(),
  newPassword: z.string().max(MAX_PASSWORD_LENGTH).optional(),
  currentPassword: z.string().max(MAX_PASSWORD_LENGTH).optional(),
  token: z.string().max(4096).optional(),
});
