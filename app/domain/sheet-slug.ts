/**
 * The slugs of reference sheets (docs/decisions/054). A sheet's slug is its name everywhere:
 * URLs, targets, mapping references (`<slug>/C3`), snapshots, exports. Two forms:
 * - a public sheet: lower-case letters and digits in words joined by single hyphens
 *   (`charge-e-commerce`, `rncp-38596`, `cncp-niveau-7`);
 * - a school's own list: the school's slug, a tilde, then the slug the school chose
 *   (`demo~acquis-master`). A public slug never holds a tilde, and the part before it is the
 *   owning school's own (unique) slug, so the two forms never meet, and one school's list can
 *   never take the name of another school's list. Pure.
 */

const WORDS = "[a-z0-9]+(?:-[a-z0-9]+)*";
/** A school's slug as sign-up makes it: lower-case letters, digits and hyphens. */
const SCHOOL = "[a-z0-9][a-z0-9-]*";
export const SCHOOL_LIST_SEPARATOR = "~";

/** The slug a school chooses for its list, and a public sheet's slug: `acquis-master`. */
export const PUBLIC_SLUG_PATTERN = new RegExp(`^${WORDS}$`);
/** Any sheet's slug, public or a school's list, as a regular expression source without anchors. */
export const SHEET_SLUG_SOURCE = `(?:${SCHOOL}${SCHOOL_LIST_SEPARATOR}${WORDS}|${WORDS})`;
export const SHEET_SLUG_PATTERN = new RegExp(`^${SHEET_SLUG_SOURCE}$`);
const SCHOOL_LIST_PATTERN = new RegExp(`^(${SCHOOL})${SCHOOL_LIST_SEPARATOR}(${WORDS})$`);

/** The longest slug a school may choose for a list. */
export const CHOSEN_SLUG_MAX = 60;

/** The sheet slug of a school's list: the school's slug, `~`, the slug it chose. */
export function schoolListSlug(schoolSlug: string, chosen: string): string {
  const slug = `${schoolSlug}${SCHOOL_LIST_SEPARATOR}${chosen}`;
  if (!SCHOOL_LIST_PATTERN.test(slug)) throw new Error(`Slug de liste d'établissement impossible : ${slug}`);
  return slug;
}

/** The school's slug and the chosen slug of a school list's sheet slug; null for a public slug or anything else. */
export function splitSchoolListSlug(slug: string): { school: string; chosen: string } | null {
  const match = SCHOOL_LIST_PATTERN.exec(slug);
  return match ? { school: match[1], chosen: match[2] } : null;
}

export function isSchoolListSlug(slug: string): boolean {
  return SCHOOL_LIST_PATTERN.test(slug);
}
