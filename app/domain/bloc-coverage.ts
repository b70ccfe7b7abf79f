/**
 * Coverage of an RNCP certification bloc by bloc (decision 053). The RNCP certifies each bloc
 * de compétences on its own, so a programme that leads to a certification must teach and
 * assess every competence of every bloc: this module groups a target's item coverage by bloc,
 * says whether each bloc is covered, partly covered or missing and whether it is assessed,
 * names the modules that teach it and those that assess it (with their own assessment
 * methods, beside the fiche's), and warns for every bloc some competence of which no module
 * assesses. Pure: the coverage engine's result and the sheet's blocs in, plain data out.
 */
import type { ItemCoverage } from "./coverage";
import type { CertificationData, ReferenceSheetData } from "./reference-data";
import { textLines } from "./rncp-text";
import { frenchText, sentence, type Sentence } from "./sentences";

/** A bloc as the coverage needs it: its code, label, assessment methods and the codes of its items. */
export type BlocDefinition = { code: string; label: string; assessment: string | null; itemCodes: string[] };

export type ModuleInfo = { code: string; title: string; semester: number; assessmentMethod: string };
export type BlocModule = { code: string; title: string; semester: number };

export type BlocStatus = "covered" | "partial" | "missing";
export type BlocAssessment = "all" | "some" | "none";

export type BlocCoverage = {
  code: string;
  label: string;
  /** The fiche's MODALITES_EVALUATION, as the lines the export flattened; null when it gives none. */
  ficheMethods: string[] | null;
  items: Pick<ItemCoverage, "ref" | "label" | "status" | "assessed" | "required" | "achievedDepth">[];
  counts: { required: number; covered: number; partial: number; missing: number; assessed: number };
  status: BlocStatus;
  assessment: BlocAssessment;
  /** Modules that map an item of the bloc, by semester then code. */
  teaching: BlocModule[];
  /** Modules that assess an item of the bloc. */
  assessing: BlocModule[];
  /** The assessing modules' own assessment methods (Module.assessmentMethod), where they state one. */
  programmeMethods: { module: string; method: string }[];
  warning: { message: string; sentence: Sentence } | null;
};

/** A bloc as the pages show it: its warning already written in the reader's language. */
export type BlocView = Omit<BlocCoverage, "warning"> & { warning: string | null };

/** The blocs of a certification sheet, each with the codes of its requirements (its own code or `<bloc>.<n>`). */
export function blocsOfSheet(data: Pick<ReferenceSheetData, "requirements"> & { certification?: Pick<CertificationData, "blocs"> }): BlocDefinition[] {
  if (!data.certification) return [];
  return data.certification.blocs.map((bloc) => ({
    code: bloc.code,
    label: bloc.label,
    assessment: bloc.assessment?.text ?? null,
    itemCodes: data.requirements.filter((item) => item.code === bloc.code || item.code.startsWith(`${bloc.code}.`)).map((item) => item.code),
  }));
}

const byOrder = (a: BlocModule, b: BlocModule) => a.semester - b.semester || a.code.localeCompare(b.code, "fr", { numeric: true });

/**
 * Coverage per bloc of one certification target. `items` are the target's item coverages (the
 * coverage engine's result), `slug` the sheet's, `modules` the programme's modules.
 */
export function blocCoverage(input: { slug: string; blocs: readonly BlocDefinition[]; items: readonly ItemCoverage[]; modules: readonly ModuleInfo[] }): BlocCoverage[] {
  const byRef = new Map(input.items.map((item) => [item.ref, item]));
  const moduleByCode = new Map(input.modules.map((m) => [m.code, m]));
  return input.blocs.map((bloc) => {
    const items = bloc.itemCodes.map((code) => byRef.get(`${input.slug}/${code}`)).filter((item): item is ItemCoverage => Boolean(item));
    const required = items.filter((item) => item.required);
    const counts = {
      required: required.length,
      covered: required.filter((item) => item.status === "covered").length,
      partial: required.filter((item) => item.status === "partial").length,
      missing: required.filter((item) => item.status === "missing").length,
      assessed: required.filter((item) => item.assessed).length,
    };
    const teaching = new Map<string, BlocModule>();
    const assessing = new Map<string, BlocModule>();
    for (const item of items) {
      for (const module of item.modules) {
        const entry = { code: module.code, title: module.title, semester: module.semester };
        teaching.set(module.code, entry);
        if (module.assessed) assessing.set(module.code, entry);
      }
    }
    const assessingList = [...assessing.values()].sort(byOrder);
    const notAssessed = counts.required - counts.assessed;
    const said = notAssessed > 0 ? sentence("bloc.not_assessed", { code: bloc.code, label: bloc.label, missing: notAssessed, total: counts.required }) : null;
    return {
      code: bloc.code,
      label: bloc.label,
      ficheMethods: bloc.assessment ? textLines(bloc.assessment) : null,
      items: items.map(({ ref, label, status, assessed, required: isRequired, achievedDepth }) => ({ ref, label, status, assessed, required: isRequired, achievedDepth })),
      counts,
      status: counts.covered === counts.required ? "covered" : counts.covered + counts.partial > 0 ? "partial" : "missing",
      assessment: counts.assessed === counts.required ? "all" : counts.assessed > 0 ? "some" : "none",
      teaching: [...teaching.values()].sort(byOrder),
      assessing: assessingList,
      programmeMethods: assessingList.flatMap((m) => {
        const method = moduleByCode.get(m.code)?.assessmentMethod.trim() ?? "";
        return method ? [{ module: m.code, method }] : [];
      }),
      warning: said ? { message: frenchText(said.key, said.params), sentence: said } : null,
    };
  });
}
