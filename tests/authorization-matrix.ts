/**
 * The authorization matrix: every route and API endpoint × every persona × own school or
 * another school → the expected answer. Data, not code: tests/e2e/authorization.spec.ts walks
 * it against the running app, and fails when a route file in app/routes has no row.
 *
 * Outcomes: an HTTP status, "login" (redirect to the sign-in page) or "redirect" (another
 * redirect). Placeholders: :programme, :module, :school and :list are the own school's (the demo's
 * BTS, its first module, the demo school, its own requirement list) or another school's. Bodies are deliberately
 * incomplete: a persona allowed through gets 400 (validation), so nothing is written.
 */
export const PERSONAS = ["anonymous", "teacher", "manager", "reviewer", "admin"] as const;
export type Persona = (typeof PERSONAS)[number];
export type Outcome = number | "login" | "redirect";
type ByPersona = Record<Persona, Outcome>;

export type MatrixRow = {
  /** The route file in app/routes, without extension. */
  route: string;
  method: "GET" | "POST";
  path: string;
  /** Form fields (urlencoded), or JSON when `json` is set. */
  form?: Record<string, string>;
  json?: unknown;
  multipart?: boolean;
  /** API rows authenticate with a Bearer token instead of the session cookie. */
  api?: boolean;
  /** Needs a session of its own (it ends the session). */
  freshSession?: boolean;
  own: ByPersona;
  /** For school data: the answer when the id is another school's. Omitted: same as own. */
  other?: ByPersona;
};

const all = (outcome: Outcome): ByPersona => ({ anonymous: outcome, teacher: outcome, manager: outcome, reviewer: outcome, admin: outcome });
const signedIn = (signed: Outcome, anonymous: Outcome = "login"): ByPersona => ({ ...all(signed), anonymous });
const by = (anonymous: Outcome, teacher: Outcome, manager: Outcome, reviewer: Outcome, admin: Outcome): ByPersona => ({ anonymous, teacher, manager, reviewer, admin });
const hidden = (anonymous: Outcome = "login"): ByPersona => signedIn(404, anonymous);

export const AUTHORIZATION_MATRIX: MatrixRow[] = [
  { route: "_index", method: "GET", path: "/", own: all(200) },
  { route: "healthz", method: "GET", path: "/healthz", own: all(200) },
  { route: "langue", method: "POST", path: "/langue", form: { locale: "fr", redirectTo: "/" }, own: all("redirect") },
  { route: "connexion", method: "GET", path: "/connexion", own: signedIn("redirect", 200) },
  // Signed in, the sign-in and sign-up pages send you on (their loader runs after the action).
  { route: "connexion", method: "POST", path: "/connexion", form: {}, own: signedIn("redirect", 400) },
  { route: "deconnexion", method: "POST", path: "/deconnexion", freshSession: true, own: all("redirect") },
  { route: "inscription", method: "GET", path: "/inscription", own: signedIn("redirect", 200) },
  { route: "inscription", method: "POST", path: "/inscription", form: {}, own: signedIn("redirect", 400) },
  { route: "compte", method: "GET", path: "/compte", own: signedIn(200) },
  { route: "compte", method: "POST", path: "/compte", form: { intent: "inconnue" }, own: signedIn(400) },
  { route: "invitation.$token", method: "GET", path: "/invitation/lien-inconnu", own: all(200) },
  { route: "invitation.$token", method: "POST", path: "/invitation/lien-inconnu", form: {}, own: all(400) },
  // Account security (second factor, re-authentication, reset links): no step, no link, no password → 400.
  { route: "connexion_.second-facteur", method: "GET", path: "/connexion/second-facteur", own: all(200) },
  { route: "connexion_.second-facteur", method: "POST", path: "/connexion/second-facteur", form: {}, own: all(400) },
  { route: "confirmer", method: "GET", path: "/confirmer", own: signedIn(200) },
  { route: "confirmer", method: "POST", path: "/confirmer", form: {}, own: signedIn(400) },
  { route: "reinitialisation.$token", method: "GET", path: "/reinitialisation/lien-inconnu", own: all(200) },
  { route: "reinitialisation.$token", method: "POST", path: "/reinitialisation/lien-inconnu", form: {}, own: all(400) },
  { route: "etablissement.membres", method: "GET", path: "/etablissement/membres", own: by("login", 403, 403, 403, 200) },
  { route: "etablissement.membres", method: "POST", path: "/etablissement/membres", form: { intent: "inconnue" }, own: by("login", 403, 403, 403, 400) },
  { route: "etablissement.parametres", method: "GET", path: "/etablissement/parametres", own: by("login", 403, 403, 403, 200) },
  { route: "etablissement.parametres", method: "POST", path: "/etablissement/parametres", form: {}, own: by("login", 403, 403, 403, 400) },
  { route: "etablissement.profondeurs", method: "GET", path: "/etablissement/profondeurs", own: by("login", 403, 200, 403, 200) },
  { route: "etablissement.profondeurs", method: "POST", path: "/etablissement/profondeurs", form: { "depth-7-competence": "9" }, own: by("login", 403, 400, 403, 400) },
  { route: "etablissement.changer", method: "POST", path: "/etablissement/changer", form: { schoolId: ":school" }, own: signedIn("redirect"), other: signedIn(403) },
  { route: "referentiels._index", method: "GET", path: "/referentiels", own: all(200) },
  { route: "referentiels.$slug._index", method: "GET", path: "/referentiels/charge-e-commerce", own: all(200) },
  { route: "referentiels.$slug.versions", method: "GET", path: "/referentiels/charge-e-commerce/versions", own: all(200) },
  { route: "referentiels.$slug.export.$format", method: "GET", path: "/referentiels/charge-e-commerce/export/json", own: all(200) },
  // A school's own list (:list, the demo school's or another school's): its members read it, nobody else even finds it.
  { route: "referentiels.$slug._index", method: "GET", path: "/referentiels/:list", own: signedIn(200, 404), other: all(404) },
  { route: "referentiels.$slug.versions", method: "GET", path: "/referentiels/:list/versions?from=1&to=1", own: signedIn(200, 404), other: all(404) },
  { route: "referentiels.$slug.export.$format", method: "GET", path: "/referentiels/:list/export/case", own: signedIn(200, 404), other: all(404) },
  { route: "referentiels.nouvelle-liste", method: "GET", path: "/referentiels/nouvelle-liste", own: by("login", 403, 200, 403, 200) },
  { route: "referentiels.nouvelle-liste", method: "POST", path: "/referentiels/nouvelle-liste", form: {}, own: by("login", 403, 400, 403, 400) },
  { route: "referentiels.$slug.modifier", method: "GET", path: "/referentiels/:list/modifier", own: by("login", 403, 200, 403, 200), other: by("login", 403, 404, 403, 404) },
  { route: "referentiels.$slug.modifier", method: "POST", path: "/referentiels/:list/modifier", form: {}, own: by("login", 403, 400, 403, 400), other: by("login", 403, 404, 403, 404) },
  { route: "referentiels.importer", method: "GET", path: "/referentiels/importer", own: by("login", 403, 403, 403, 200) },
  { route: "referentiels.importer", method: "POST", path: "/referentiels/importer", multipart: true, own: by("login", 403, 403, 403, 400) },
  { route: "referentiels.importer.rncp", method: "GET", path: "/referentiels/importer/rncp", own: all(404) },
  { route: "referentiels.importer.rncp", method: "POST", path: "/referentiels/importer/rncp", multipart: true, own: by("login", 403, 403, 403, 400) },
  { route: "api.v1.reference-sheets._index", method: "GET", path: "/api/v1/reference-sheets", api: true, own: signedIn(200, 401) },
  { route: "api.v1.reference-sheets._index", method: "POST", path: "/api/v1/reference-sheets", api: true, json: {}, own: by(401, 403, 403, 403, 400) },
  { route: "api.v1.reference-sheets.$slug", method: "GET", path: "/api/v1/reference-sheets/charge-e-commerce", api: true, own: signedIn(200, 401) },
  { route: "api.v1.reference-sheets.$slug", method: "GET", path: "/api/v1/reference-sheets/:list", api: true, own: signedIn(200, 401), other: hidden(401) },
  { route: "api.v1.tokens", method: "POST", path: "/api/v1/tokens", api: true, json: {}, own: all(400) },
  { route: "programmes._index", method: "GET", path: "/programmes", own: signedIn(200) },
  { route: "programmes.nouveau", method: "GET", path: "/programmes/nouveau", own: by("login", 403, 200, 403, 200) },
  { route: "programmes.nouveau", method: "POST", path: "/programmes/nouveau", form: {}, own: by("login", 403, 400, 403, 400) },
  { route: "programmes.importer", method: "GET", path: "/programmes/importer", own: by("login", 403, 200, 403, 200) },
  { route: "programmes.importer.verifier", method: "POST", path: "/programmes/importer/verifier", multipart: true, own: by("login", 403, 400, 403, 400) },
  { route: "programmes.importer.enregistrer", method: "POST", path: "/programmes/importer/enregistrer", multipart: true, own: by("login", 403, 400, 403, 400) },
  { route: "programmes.importer.modele", method: "GET", path: "/programmes/importer/modele?cible=charge-e-commerce", own: by("login", 403, 200, 403, 200) },
  { route: "programmes.$id._index", method: "GET", path: "/programmes/:programme", own: by("login", 200, 200, 404, 200), other: hidden() },
  { route: "programmes.$id._index", method: "POST", path: "/programmes/:programme", form: { intent: "inconnue" }, own: by("login", 403, 400, 404, 400), other: hidden() },
  { route: "programmes.$id.modifier", method: "GET", path: "/programmes/:programme/modifier", own: by("login", 403, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.modifier", method: "POST", path: "/programmes/:programme/modifier", form: {}, own: by("login", 403, 400, 404, 400), other: hidden() },
  { route: "programmes.$id.modules.nouveau", method: "GET", path: "/programmes/:programme/modules/nouveau", own: by("login", 403, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.modules.nouveau", method: "POST", path: "/programmes/:programme/modules/nouveau", form: {}, own: by("login", 403, 400, 404, 400), other: hidden() },
  { route: "programmes.$id.modules.$moduleId", method: "GET", path: "/programmes/:programme/modules/:module", own: by("login", 403, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.modules.$moduleId", method: "POST", path: "/programmes/:programme/modules/:module", form: {}, own: by("login", 403, 400, 404, 400), other: hidden() },
  { route: "programmes.$id.matrice", method: "GET", path: "/programmes/:programme/matrice", own: by("login", 200, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.matrice_.imprimer", method: "GET", path: "/programmes/:programme/matrice/imprimer", own: by("login", 200, 200, 404, 200), other: hidden() },
  // The row's suggestions: the demo BTS's first module is not the demo teacher's (403, said as a sentence).
  { route: "programmes.$id.matrice.suggestions", method: "GET", path: "/programmes/:programme/matrice/suggestions?module=:module", own: by("login", 403, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.matrice.suggestions", method: "POST", path: "/programmes/:programme/matrice/suggestions?module=:module", form: {}, own: by("login", 403, 400, 404, 400), other: hidden() },
  { route: "programmes.$id.matrice.cellule", method: "POST", path: "/programmes/:programme/matrice/cellule", json: {}, own: by("login", 400, 400, 404, 400), other: hidden() },
  { route: "programmes.$id.export.$format", method: "GET", path: "/programmes/:programme/export/csv", own: by("login", 200, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.modele", method: "GET", path: "/programmes/:programme/modele", own: by("login", 200, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.importer", method: "GET", path: "/programmes/:programme/importer", own: by("login", 403, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.importer.verifier", method: "POST", path: "/programmes/:programme/importer/verifier", multipart: true, own: by("login", 403, 400, 404, 400), other: hidden() },
  { route: "programmes.$id.importer.enregistrer", method: "POST", path: "/programmes/:programme/importer/enregistrer", multipart: true, own: by("login", 403, 400, 404, 400), other: hidden() },
  { route: "programmes.$id.profondeurs", method: "GET", path: "/programmes/:programme/profondeurs", own: by("login", 403, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.profondeurs", method: "POST", path: "/programmes/:programme/profondeurs", form: { "depth-7-competence": "9" }, own: by("login", 403, 400, 404, 400), other: hidden() },
  { route: "programmes.$id.couverture", method: "GET", path: "/programmes/:programme/couverture", own: by("login", 200, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.couverture", method: "POST", path: "/programmes/:programme/couverture", form: { moduleId: ":module" }, own: by("login", 403, 400, 404, 400), other: hidden() },
  { route: "programmes.$id.rapport", method: "GET", path: "/programmes/:programme/rapport", own: by("login", 200, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.rapport.$format", method: "GET", path: "/programmes/:programme/rapport/xlsx", own: by("login", 200, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.versions._index", method: "GET", path: "/programmes/:programme/versions", own: by("login", 200, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.versions._index", method: "POST", path: "/programmes/:programme/versions", form: { intent: "inconnue" }, own: by("login", 403, 400, 404, 400), other: hidden() },
  { route: "programmes.$id.versions.$number", method: "GET", path: "/programmes/:programme/versions/999", own: by("login", 404, 404, 404, 404), other: hidden() },
  { route: "programmes.$id.versions.$number", method: "POST", path: "/programmes/:programme/versions/999", form: { intent: "restore" }, own: by("login", 404, 404, 404, 404), other: hidden() },
  { route: "programmes.$id.versions.comparer", method: "GET", path: "/programmes/:programme/versions/comparer?de=brouillon&a=brouillon", own: by("login", 200, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.revue", method: "GET", path: "/programmes/:programme/revue", own: by("login", 200, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.revue", method: "POST", path: "/programmes/:programme/revue", form: { intent: "comment" }, own: by("login", 403, 400, 404, 400), other: hidden() },
  { route: "programmes.$id.historique", method: "GET", path: "/programmes/:programme/historique?type=mapping&du=2020-01-01", own: by("login", 200, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.referentiels", method: "GET", path: "/programmes/:programme/referentiels", own: by("login", 200, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.referentiels", method: "POST", path: "/programmes/:programme/referentiels", form: {}, own: by("login", 403, 400, 404, 400), other: hidden() },
  { route: "programmes.$id.dupliquer", method: "GET", path: "/programmes/:programme/dupliquer", own: by("login", 403, 200, 404, 200), other: hidden() },
  { route: "programmes.$id.dupliquer", method: "POST", path: "/programmes/:programme/dupliquer", form: {}, own: by("login", 403, 400, 404, 400), other: hidden() },
  { route: "api.v1.programmes._index", method: "GET", path: "/api/v1/programmes", api: true, own: signedIn(200, 401) },
  { route: "api.v1.programmes._index", method: "POST", path: "/api/v1/programmes", api: true, json: {}, own: by(401, 403, 400, 403, 400) },
  { route: "api.v1.programmes.$id._index", method: "GET", path: "/api/v1/programmes/:programme", api: true, own: by(401, 200, 200, 404, 200), other: hidden(401) },
  { route: "api.v1.programmes.$id.modules.$moduleId.suggestions", method: "GET", path: "/api/v1/programmes/:programme/modules/:module/suggestions", api: true, own: by(401, 200, 200, 404, 200), other: hidden(401) },
  { route: "api.v1.programmes.$id.coverage", method: "GET", path: "/api/v1/programmes/:programme/coverage", api: true, own: by(401, 200, 200, 404, 200), other: hidden(401) },
  { route: "api.v1.programmes.$id.versions._index", method: "GET", path: "/api/v1/programmes/:programme/versions", api: true, own: by(401, 200, 200, 404, 200), other: hidden(401) },
  { route: "api.v1.programmes.$id.versions._index", method: "POST", path: "/api/v1/programmes/:programme/versions", api: true, json: { label: 5 }, own: by(401, 403, 400, 404, 400), other: hidden(401) },
  { route: "api.v1.programmes.$id.versions.$number", method: "GET", path: "/api/v1/programmes/:programme/versions/999", api: true, own: by(401, 404, 404, 404, 404), other: hidden(401) },
  { route: "api.v1.programmes.$id.compare", method: "GET", path: "/api/v1/programmes/:programme/compare?from=draft&to=draft", api: true, own: by(401, 200, 200, 404, 200), other: hidden(401) },
];
