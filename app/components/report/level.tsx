/** A sheet's CNCP range as the report writes it, saying when it is the transcription's inference and why. */
import type { Translate } from "~/i18n";

export function levelText(cncp: { min: number; max: number; editorialReason: string | null }, t: Translate): string {
  const range = cncp.min === cncp.max ? t("rep.level.one", { level: cncp.min }) : t("rep.level.range", { min: cncp.min, max: cncp.max });
  return cncp.editorialReason === null ? range : `${range} (${t("rep.level.editorial", { reason: cncp.editorialReason })})`;
}
