/** The forms of accounts, one zod schema each for the browser and the server. */
import { z } from "zod";
import { passwordProblem, PASSWORD_MAX } from "./password-policy";
import { ROLES } from "./roles";
import { frenchText as say } from "./sentences";

const email = z
  .string({ message: say("account.email_required") })
  .trim()
  .max(254, say("account.email_too_long"))
  .email(say("account.email_invalid"));

const newPassword = z
  .string({ message: say("account.password_required") })
  .max(PASSWORD_MAX * 4, say("account.password_too_long"))
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const name = z.string({ message: say("account.name_required") }).trim().min(2, say("account.name_too_short")).max(120, say("account.at_most_120"));

export const signInSchema = z.object({
  email,
  password: z.string({ message: say("account.password_required") }).min(1, say("account.password_required")).max(1024),
  redirectTo: z.string().optional(),
});

export const signUpSchema = z.object({
  schoolName: z.string({ message: say("account.school_required") }).trim().min(3, say("account.at_least_3")).max(160, say("account.at_most_160")),
  name,
  email,
  password: newPassword,
});

export const changePasswordSchema = z.object({
  intent: z.literal("password"),
  currentPassword: z.string({ message: say("account.current_password_required") }).min(1, say("account.current_password_required")).max(1024),
  newPassword,
});

export const tokenSchema = z.object({
  intent: z.literal("create-token"),
  name: z.string({ message: say("account.token_name_required") }).trim().min(2, say("account.at_least_2")).max(60, say("account.at_most_60")),
});

export const inviteSchema = z.object({
  intent: z.literal("invite"),
  email,
  role: z.enum(ROLES, { message: say("account.role_required") }),
});

export const acceptInvitationSchema = z.object({ name, password: newPassword });
