/**
 * The form a request carries. A body that is not a form (JSON, bytes, a broken multipart, a
 * wrong Content-Type) is the sender's mistake: a 400 that says so, never a server error.
 */
export const UNREADABLE_FORM = "Formulaire illisible : envoyez les champs comme un formulaire (application/x-www-form-urlencoded ou multipart/form-data).";

export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response(UNREADABLE_FORM, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
