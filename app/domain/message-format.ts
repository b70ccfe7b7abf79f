/**
 * Messages with values and plurals, the one way the app writes a count: the ICU message
 * syntax's `{name}` slots and `{count, plural, one {# exigence} other {# exigences}}` blocks
 * (the subset the catalogues use: `=N`, the categories of `Intl.PluralRules`, `other`, and `#`
 * for the number), the category chosen by the language's own rules (French says « 0 exigence »
 * and « 1 exigence », English "0 requirements" and "1 requirement"). Pure.
 */

export type MessageLanguage = "fr" | "en";
export type MessageValues = Readonly<Record<string, string | number>>;

const INTL_LOCALE: Record<MessageLanguage, string> = { fr: "fr-FR", en: "en-GB" };
const rules = new Map<MessageLanguage, Intl.PluralRules>();
const numbers = new Map<MessageLanguage, Intl.NumberFormat>();

function pluralRules(language: MessageLanguage) {
  let found = rules.get(language);
  if (!found) rules.set(language, (found = new Intl.PluralRules(INTL_LOCALE[language])));
  return found;
}

function numberFormat(language: MessageLanguage) {
  let found = numbers.get(language);
  if (!found) numbers.set(language, (found = new Intl.NumberFormat(INTL_LOCALE[language], { maximumFractionDigits: 2 })));
  return found;
}

/** The index of the brace that closes the one at `open`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

const PLURAL_HEAD = /^\s*(\w+)\s*,\s*plural\s*,/;

/** Whether a message holds a plural block (it then needs a language to be written). */
export function hasPlural(template: string): boolean {
  return /\{\s*\w+\s*,\s*plural\s*,/.test(template);
}

/** The variables a message uses: its `{name}` slots and the counts of its plural blocks, sorted. */
export function messageVariables(template: string): string[] {
  const found = new Set<string>();
  const walk = (text: string) => {
    for (let open = text.indexOf("{"); open >= 0; open = text.indexOf("{", open + 1)) {
      const close = closingBrace(text, open);
      if (close < 0) return;
      const inner = text.slice(open + 1, close);
      const plural = PLURAL_HEAD.exec(inner);
      if (plural) {
        found.add(plural[1]);
        for (const [, body] of branches(inner.slice(plural[0].length))) walk(body);
      } else if (/^\w+$/.test(inner)) {
        found.add(inner);
      }
      open = close;
    }
  };
  walk(template);
  return [...found].sort();
}

/** The branches of a plural block's body: `one {…} other {…}` → [["one", "…"], ["other", "…"]]. */
function branches(body: string): [string, string][] {
  const found: [string, string][] = [];
  let i = 0;
  while (i < body.length) {
    const selector = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(body.slice(i));
    if (!selector) break;
    const open = i + selector[0].length - 1;
    const close = closingBrace(body, open);
    if (close < 0) break;
    found.push([selector[1], body.slice(open + 1, close)]);
    i = close + 1;
  }
  return found;
}

/**
 * The message written with its values: `{name}` slots filled (an unknown slot stays as it
 * is), each plural block replaced by the branch its count calls for in `language`, with `#`
 * written as the count.
 */
export function formatMessage(template: string, values: MessageValues, language: MessageLanguage): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = closingBrace(template, open);
    if (close < 0) {
      out += template.slice(open);
      break;
    }
    const inner = template.slice(open + 1, close);
    const plural = PLURAL_HEAD.exec(inner);
    if (plural) {
      out += pluralBranch(plural[1], inner.slice(plural[0].length), values, language);
    } else if (/^\w+$/.test(inner) && inner in values) {
      out += String(values[inner]);
    } else {
      out += `{${inner}}`;
    }
    i = close + 1;
  }
  return out;
}

function pluralBranch(name: string, body: string, values: MessageValues, language: MessageLanguage): string {
  const count = Number(values[name]);
  if (!(name in values) || !Number.isFinite(count)) return `{${name}}`;
  const options = new Map(branches(body));
  const chosen = options.get(`=${count}`) ?? options.get(pluralRules(language).select(count)) ?? options.get("other") ?? "";
  return formatMessage(chosen.replace(/#/g, numberFormat(language).format(count)), values, language);
}
