/**
 * Roles within a school and what each may do. Pure: the guards in app/utils/auth.server.ts
 * and the pages ask these functions, so the rules live in one place.
 */
export const ROLES = ["admin", "manager", "teacher", "reviewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { fr: string; en: string }> = {
  admin: { fr: "Administrateur", en: "Administrator" },
  manager: { fr: "Responsable de formation", en: "Programme manager" },
  teacher: { fr: "Enseignant", en: "Teacher" },
  reviewer: { fr: "Évaluateur", en: "Reviewer" },
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Members and settings of the school. */
export function canManageMembers(role: Role) {
  return role === "admin";
}

/** Create, edit and delete programmes and their modules. */
export function canEditProgrammes(role: Role) {
  return role === "admin" || role === "manager";
}

/** Edit the matrix row of a module: managers any, teachers only the modules assigned to them. */
export function canEditModuleRow(role: Role, assignedToMe: boolean) {
  return canEditProgrammes(role) || (role === "teacher" && assignedToMe);
}

/** Read a programme: every member but reviewers, who read only the programmes they are invited to. */
export function canReadProgramme(role: Role, invitedReviewer: boolean) {
  return role !== "reviewer" || invitedReviewer;
}
