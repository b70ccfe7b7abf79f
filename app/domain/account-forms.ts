/** The forms of accounts, one zod schema each for the browser and the server. */
import { z } from "zod";
import { passwordProblem, PASSWORD_MAX } from "./password-policy";
import { ROLES } from "./roles";

const email = z
  .string({ message: "L'adresse électronique est obligatoire." })
  .trim()
  .max(254, "Adresse trop longue.")
  .email("Adresse électronique invalide.");

const newPassword = z
  .string({ message: "Le mot de passe est obligatoire." })
  .max(PASSWORD_MAX * 4, "Mot de passe trop long.")
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const name = z.string({ message: "Le nom est obligatoire." }).trim().min(2, "Le nom doit compter au moins 2 caractères.").max(120, "Au plus 120 caractères.");

export const signInSchema = z.object({
  email,
  password: z.string({ message: "Le mot de passe est obligatoire." }).min(1, "Le mot de passe est obligatoire.").max(1024),
  redirectTo: z.string().optional(),
});

export const signUpSchema = z.object({
  schoolName: z.string({ message: "Le nom de l'établissement est obligatoire." }).trim().min(3, "Au moins 3 caractères.").max(160, "Au plus 160 caractères."),
  name,
  email,
  password: newPassword,
});

export const changePasswordSchema = z.object({
  intent: z.literal("password"),
  currentPassword: z.string({ message: "Indiquez votre mot de passe actuel." }).min(1, "Indiquez votre mot de passe actuel.").max(1024),
  newPassword,
});

export const tokenSchema = z.object({
  intent: z.literal("create-token"),
  name: z.string({ message: "Donnez un nom au jeton." }).trim().min(2, "Au moins 2 caractères.").max(60, "Au plus 60 caractères."),
});

export const inviteSchema = z.object({
  intent: z.literal("invite"),
  email,
  role: z.enum(ROLES, { message: "Choisissez un rôle." }),
});

export const acceptInvitationSchema = z.object({ name, password: newPassword });
