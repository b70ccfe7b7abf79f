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
} from "@remix-run/react";
import type { ReactNode } from "react";
import stylesheet from "~/tailwind.css";
import { getLocale } from "~/utils/locale.server";
import { useLocale, useT } from "~/utils/use-t";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Maquette" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { locale: await getLocale(request) };
}

function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-3 py-2 text-sm font-medium ${
      isActive ? "bg-brand-700 text-white" : "text-brand-50 hover:bg-brand-600"
    }`;
  return (
    <div className="flex min-h-screen flex-col bg-slate-50 text-slate-900">
      <header className="bg-brand-900 text-white shadow" data-testid="app-header">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
          <Link to="/" className="text-xl font-bold tracking-tight">
            {t("app.name")}
          </Link>
          <nav aria-label={t("nav.main")} className="flex flex-1 gap-1">
            <NavLink to="/" end className={navClass}>
              {t("nav.home")}
            </NavLink>
            <NavLink to="/referentiels" className={navClass}>
              {t("nav.referenceSheets")}
            </NavLink>
          </nav>
          <Form method="post" action="/langue" className="no-print">
            <input type="hidden" name="locale" value={locale === "fr" ? "en" : "fr"} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button
              type="submit"
              aria-label={t("lang.switchLabel")}
              className="rounded-md border border-brand-100/40 px-3 py-1 text-sm hover:bg-brand-600"
            >
              {t("lang.switch")}
            </button>
          </Form>
        </div>
      </header>
      <main id="contenu" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white">
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
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const reference =
    isRouteErrorResponse(error) && typeof error.data === "object" && error.data && "reference" in error.data
      ? String((error.data as { reference: unknown }).reference)
      : null;
  return (
    <section className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">{notFound ? t("error.notFoundTitle") : t("error.title")}</h1>
      <p className="mt-4 text-slate-700">{notFound ? t("error.notFoundBody") : t("error.body")}</p>
      {reference ? (
        <p className="mt-2 text-sm text-slate-500">
          {t("error.reference")} : <code>{reference}</code>
        </p>
      ) : null}
      <Link to="/" className="mt-6 inline-block text-brand-700 underline">
        {t("error.backHome")}
      </Link>
    </section>
  );
}
