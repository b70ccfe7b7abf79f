import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { ROLE_LABELS, type Role } from "~/domain/roles";
import stylesheet from "~/tailwind.css";
import { getCurrentUser } from "~/utils/auth.server";
import { getLocale } from "~/utils/locale.server";
import { useNonce } from "~/utils/nonce";
import { SavedToast } from "~/components/toast";
import { useLocale, useT } from "~/utils/use-t";
import { DEFAULT_TIME_ZONE } from "~/domain/time-zone";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Maquette" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const current = await getCurrentUser(request);
  return {
    locale: await getLocale(request),
    requestId: context?.requestId ?? null,
    user: current ? { name: current.user.name, email: current.user.email } : null,
    school: current?.current ? { id: current.current.school.id, name: current.current.school.name, isDemo: current.current.school.isDemo, role: current.current.role } : null,
    /** The time zone every time is shown in: the school's (its settings), else Paris. */
    timeZone: current?.current?.school.timeZone ?? DEFAULT_TIME_ZONE,
    schools: current ? current.memberships.map((m) => ({ id: m.school.id, name: m.school.name })) : [],
  };
}
export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData() {
  return useRouteLoaderData<RootData>("root");
}

function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const data = useRootData();
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-brand-700 text-white" : "text-brand-50 hover:bg-brand-600"}`;
  const here = location.pathname + location.search;
  return (
    <div className="flex min-h-screen flex-col bg-slate-50 text-slate-900">
      <a href="#contenu" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("shell.skip")}
      </a>
      <header className="bg-brand-900 text-white shadow print:hidden" data-testid="app-header">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
          <Link to="/" className="text-xl font-bold tracking-tight">
            {t("app.name")}
          </Link>
          <nav aria-label={t("nav.main")} className="flex flex-1 flex-wrap gap-1">
            <NavLink to="/" end className={navClass}>
              {t("nav.home")}
            </NavLink>
            {data?.school ? (
              <NavLink to="/programmes" className={navClass}>
                {t("nav.programmes")}
              </NavLink>
            ) : null}
            <NavLink to="/referentiels" className={navClass}>
              {t("nav.referenceSheets")}
            </NavLink>
            {data?.school?.role === "admin" ? (
              <NavLink to="/etablissement/membres" className={navClass}>
                {t("nav.members")}
              </NavLink>
            ) : null}
            {data?.school?.role === "admin" ? (
              <NavLink to="/etablissement/parametres" className={navClass}>
                {t("nav.schoolSettings")}
              </NavLink>
            ) : null}
          </nav>
          {data?.user ? (
            <div className="flex flex-wrap items-center gap-2 text-sm">
              {data.school ? (
                data.schools.length > 1 ? (
                  <Form method="post" action="/etablissement/changer" className="flex items-center gap-1">
                    <label htmlFor="school-switch" className="sr-only">
                      {t("nav.schoolInUse")}
                    </label>
                    <select id="school-switch" name="schoolId" defaultValue={data.school.id} className="rounded bg-brand-700 px-2 py-1 text-white">
                      {data.schools.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                    <input type="hidden" name="redirectTo" value={here} />
                    <button type="submit" className="rounded border border-brand-100/40 px-2 py-1 hover:bg-brand-600">
                      {t("nav.switchSchool")}
                    </button>
                  </Form>
                ) : (
                  <span data-testid="school-in-use" className="rounded bg-brand-700 px-2 py-1">
                    {data.school.name}
                  </span>
                )
              ) : null}
              <Link to="/compte" className="underline-offset-2 hover:underline" title={data.user.email}>
                {data.user.name}
                {data.school ? ` · ${ROLE_LABELS[data.school.role as Role][locale]}` : ""}
              </Link>
              <Form method="post" action="/deconnexion">
                <button type="submit" className="rounded border border-brand-100/40 px-2 py-1 hover:bg-brand-600">
                  {t("nav.signOut")}
                </button>
              </Form>
            </div>
          ) : (
            <Link to={`/connexion?redirectTo=${encodeURIComponent(here)}`} className="rounded bg-white px-3 py-1 text-sm font-medium text-brand-900">
              {t("nav.signIn")}
            </Link>
          )}
          <Form method="post" action="/langue">
            <input type="hidden" name="locale" value={locale === "fr" ? "en" : "fr"} />
            <input type="hidden" name="redirectTo" value={here} />
            <button type="submit" aria-label={t("lang.switchLabel")} className="rounded-md border border-brand-100/40 px-3 py-1 text-sm hover:bg-brand-600">
              {t("lang.switch")}
            </button>
          </Form>
        </div>
        {data?.school?.isDemo ? (
          <p className="bg-amber-300 px-4 py-1 text-center text-sm text-amber-950">
            {t("shell.demoSchool")}
          </p>
        ) : null}
      </header>
      <main id="contenu" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-7xl flex-wrap justify-between gap-2 px-4 py-4 text-sm text-slate-600">
          <p>{t("footer.text")}</p>
          <a href="/healthz" className="underline">
            {t("footer.health")}
          </a>
        </div>
      </footer>
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Shell>{children}</Shell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <>
      <Outlet />
      <SavedToast />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const data = useRootData();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const notFound = status === 404;
  const forbidden = status === 403;
  const message = isRouteErrorResponse(error) && typeof error.data === "string" && status < 500 ? error.data : null;
  return (
    <section className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">{notFound ? t("error.notFoundTitle") : forbidden ? t("error.forbiddenTitle") : status < 500 ? t("error.refusedTitle") : t("error.title")}</h1>
      <p className="mt-4 text-slate-700">{notFound ? t("error.notFoundBody") : (message ?? t("error.body"))}</p>
      {status >= 500 && data?.requestId ? (
        <p className="mt-2 text-sm text-slate-500">
          {t("error.reference")} <code>{data.requestId}</code>
        </p>
      ) : null}
      <Link to="/" className="mt-6 inline-block text-brand-700 underline">
        {t("error.backHome")}
      </Link>
    </section>
  );
}
