/**
 * The sentences the domain says to people (coverage warnings, suggestions, import problems,
 * form errors), each under a stable key with its parameters, in French and in English. The
 * domain builds a `Sentence` (key and parameters) and keeps its French text, which the JSON
 * API and the tests read; pages render the sentence in the reader's language. Pure.
 *
 * Zod schemas can only carry a string: they carry the French text (`frenchText`), and
 * `translateText` finds the key and parameters back from it to write it in English.
 */

export type Language = "fr" | "en";
export type SentenceParams = Readonly<Record<string, string | number>>;

const SENTENCES = {
  // Coverage warnings (app/domain/coverage.ts).
  "coverage.covered_not_assessed": {
    fr: "{ref} ({label}) est couvert mais jamais évalué au niveau requis.",
    en: "{ref} ({label}) is covered but never assessed at the required depth.",
  },
  "coverage.depth_decreases": {
    fr: "{ref} : la profondeur baisse au semestre {semester} ({to} après {from}).",
    en: "{ref}: the depth falls in semester {semester} ({to} after {from}).",
  },
  "coverage.level_outside_one_level": {
    fr: "Le niveau CNCP {level} est hors de la plage de la fiche « {title} », qui relève du niveau {min} : la couverture est indicative.",
    en: "CNCP level {level} is outside the range of the sheet “{title}”, which is at level {min}: the coverage is indicative.",
  },
  "coverage.level_outside_range": {
    fr: "Le niveau CNCP {level} est hors de la plage de la fiche « {title} », qui relève des niveaux {min} à {max} : la couverture est indicative.",
    en: "CNCP level {level} is outside the range of the sheet “{title}”, which covers levels {min} to {max}: the coverage is indicative.",
  },
  "coverage.level_outside_one_level_inferred": {
    fr: "Le niveau CNCP {level} est hors de la plage de la fiche « {title} », que la transcription place au niveau {min} sans que la fiche le dise (choix éditorial : {reason}) : la couverture est indicative.",
    en: "CNCP level {level} is outside the range of the sheet “{title}”, which the transcription places at level {min} where the sheet states no level (editorial choice: {reason}): the coverage is indicative.",
  },
  "coverage.level_outside_range_inferred": {
    fr: "Le niveau CNCP {level} est hors de la plage de la fiche « {title} », que la transcription place aux niveaux {min} à {max} sans que la fiche le dise (choix éditorial : {reason}) : la couverture est indicative.",
    en: "CNCP level {level} is outside the range of the sheet “{title}”, which the transcription places at levels {min} to {max} where the sheet states no level (editorial choice: {reason}): the coverage is indicative.",
  },
  "coverage.credits_total_mismatch": {
    fr: "Crédits d'entrée ({entry}) + crédits de la formation ({own}) = {total} ECTS, alors que le niveau {level} en demande {expected}.",
    en: "Entry credits ({entry}) + credits of the programme ({own}) = {total} ECTS, whereas level {level} requires {expected}.",
  },
  "coverage.semester_ects": {
    fr: "Le semestre {semester} porte {ects} ECTS au lieu de {expected}.",
    en: "Semester {semester} carries {ects} ECTS instead of {expected}.",
  },
  "coverage.module_maps_nothing": {
    fr: "Le module {code} ({title}) n'est relié à aucune exigence.",
    en: "Module {code} ({title}) is linked to no requirement.",
  },

  // Suggestions to close the gaps (app/domain/suggestions.ts).
  "suggestion.map_item": {
    fr: "Relier {module} à {ref} ({label}) au niveau {depth} et l'évaluer : « {title} » en parle ({words}).",
    en: "Link {module} to {ref} ({label}) at depth {depth} and assess it there: “{title}” speaks of it ({words}).",
  },
  "suggestion.map_item_situation": {
    fr: "Relier {module} à {ref} ({label}) au niveau {depth} et l'évaluer : aucun module n'en parle, et une ressource transverse se développe en situation professionnelle ; « {title} » en compte le plus d'heures ({hours} h de projet).",
    en: "Link {module} to {ref} ({label}) at depth {depth} and assess it there: no module speaks of it, and a transversal resource is developed in a professional situation; “{title}” has the most hours of it ({hours} project hours).",
  },
  "suggestion.create_module": {
    fr: "{ref} ({label}) : aucun module ne traite ce sujet : créer un module ?",
    en: "{ref} ({label}): no module deals with this subject: create a module?",
  },
  "suggestion.prefill_description": {
    fr: "Module proposé pour couvrir {ref} : {label}.",
    en: "Module proposed to cover {ref}: {label}.",
  },
  "suggestion.depth.sheet": { fr: "Profondeur {depth} : celle que demande la fiche.", en: "Depth {depth}: the one the sheet asks for." },
  "suggestion.depth.school": {
    fr: "Profondeur {depth} : celle que l'établissement attend au niveau {level} pour ce type d'exigence (la fiche n'en donne pas).",
    en: "Depth {depth}: the one the school expects at level {level} for this kind of requirement (the sheet gives none).",
  },
  "suggestion.depth.programme": {
    fr: "Profondeur {depth} : celle que la formation attend au niveau {level} pour ce type d'exigence (la fiche n'en donne pas).",
    en: "Depth {depth}: the one the programme expects at level {level} for this kind of requirement (the sheet gives none).",
  },
  "suggestion.depth.module_kind": {
    fr: "Ni la fiche ni l'établissement ne fixent de profondeur : toute profondeur couvre l'élément. Profondeur {depth} proposée : celle que {module} donne déjà aux exigences du même type.",
    en: "Neither the sheet nor the school sets a depth: any depth covers the item. Depth {depth} proposed: the one {module} already gives the requirements of the same kind.",
  },
  "suggestion.depth.module_any": {
    fr: "Ni la fiche ni l'établissement ne fixent de profondeur : toute profondeur couvre l'élément. Profondeur {depth} proposée : celle que {module} donne le plus souvent à ses exigences (aucune de ce type).",
    en: "Neither the sheet nor the school sets a depth: any depth covers the item. Depth {depth} proposed: the one {module} gives its requirements most often (none of this kind).",
  },
  "suggestion.depth.module_empty": {
    fr: "Ni la fiche ni l'établissement ne fixent de profondeur : toute profondeur couvre l'élément. Le module ne traite encore aucune exigence : profondeur {depth} (Notions) proposée, à ajuster.",
    en: "Neither the sheet nor the school sets a depth: any depth covers the item. The module deals with no requirement yet: depth {depth} (Notions) proposed, to adjust.",
  },
  "suggestion.depth.unchanged": { fr: "La profondeur reste {depth} : {module} la donne déjà.", en: "The depth stays {depth}: {module} already gives it." },
  "suggestion.raise_depth": {
    fr: "Porter {ref} ({label}) de {from} à {to} dans {module} : c'est le module qui le traite le plus.",
    en: "Raise {ref} ({label}) from {from} to {to} in {module}: it is the module that covers it most.",
  },
  "suggestion.raise_depth_and_assess": {
    fr: "Porter {ref} ({label}) de {from} à {to} dans {module} et l'y évaluer : c'est le module qui le traite le plus.",
    en: "Raise {ref} ({label}) from {from} to {to} in {module} and assess it there: it is the module that covers it most.",
  },
  "suggestion.add_assessment": {
    fr: "Évaluer {ref} ({label}) dans {module}, qui le traite au niveau requis sans l'évaluer.",
    en: "Assess {ref} ({label}) in {module}, which covers it at the required depth without assessing it.",
  },

  // Problems of a programme import, line by line (app/domain/programme-import.ts).
  "import.header_empty": {
    fr: "La première ligne doit nommer les colonnes : {french} (ou en anglais : {english}).",
    en: "The first row must name the columns: {english} (or in French: {french}).",
  },
  "import.header_missing": {
    fr: "Colonnes manquantes : {columns}. La première ligne nomme les colonnes : {french} (ou en anglais : {english}).",
    en: "Missing columns: {columns}. The first row names the columns: {english} (or in French: {french}).",
  },
  "import.header_unknown": {
    fr: "Colonne inconnue « {column} » : les colonnes sont {french} (ou en anglais : {english}).",
    en: "Unknown column “{column}”: the columns are {english} (or in French: {french}).",
  },
  "import.header_duplicate": { fr: "La colonne « {column} » figure deux fois.", en: "The column “{column}” appears twice." },
  "import.semester_span": {
    fr: "Un module sur deux semestres s'écrit « 1-2 » : deux semestres qui se suivent, de 1 à {max} (lu : « {read} »).",
    en: "A module over two semesters is written “1-2”: two consecutive semesters, from 1 to {max} (read: “{read}”).",
  },
  "import.item_ambiguous": {
    fr: "« {ref} » peut désigner plusieurs exigences ({choices}) : écrivez l'une de ces références.",
    en: "“{ref}” may name several requirements ({choices}): write one of these references.",
  },
  "import.note_without_item": { fr: "Une note sans exigence : indiquez l'exigence de la ligne.", en: "A note without a requirement: fill in the row's requirement." },
  "import.note_too_long": { fr: "Une note compte au plus {max} caractères.", en: "A note has at most {max} characters." },
  "import.no_rows": { fr: "Le fichier ne contient aucune ligne de module.", en: "The file has no module row." },
  "import.too_many_rows": { fr: "Au plus 50\u202f000 lignes par import.", en: "At most 50,000 rows per import." },
  "import.code_invalid": {
    fr: "Code de module invalide « {code} » : 1 à 32 lettres, chiffres, point, tiret ou souligné.",
    en: "Invalid module code “{code}”: 1 to 32 letters, digits, dots, hyphens or underscores.",
  },
  "import.code_required": { fr: "Le code du module est obligatoire.", en: "The module code is required." },
  "import.title_required": { fr: "L'intitulé du module est obligatoire.", en: "The module title is required." },
  "import.title_too_long": { fr: "L'intitulé ne peut dépasser 200 caractères.", en: "The title cannot exceed 200 characters." },
  "import.semester": {
    fr: "Le semestre doit être un entier de 1 à {max} (lu : « {read} »).",
    en: "The semester must be a whole number from 1 to {max} (read: “{read}”).",
  },
  "import.ects": {
    fr: "Les ECTS doivent être un nombre de 0 à 60, par demi-crédit (lu : « {read} »).",
    en: "ECTS must be a number from 0 to 60, in half credits (read: “{read}”).",
  },
  "import.hours": {
    fr: "Les heures s'écrivent « 30 » ou « CM/TD/TP/projet » comme « 20/10/0/6 » (lu : « {read} »).",
    en: "Hours are written “30” or “lectures/tutorials/practical/project” such as “20/10/0/6” (read: “{read}”).",
  },
  "import.depth_without_item": {
    fr: "Une profondeur ou une évaluation sans exigence : indiquez l'exigence (item_ref).",
    en: "A depth or an assessment without a requirement: fill in the requirement (item_ref).",
  },
  "import.module_differs": {
    fr: "Le module {code} est décrit autrement à la ligne {line} (intitulé, semestre, ECTS et heures doivent être identiques sur chaque ligne du module).",
    en: "Module {code} is described differently on line {line} (title, semester, ECTS and hours must be the same on every row of the module).",
  },
  "import.empty_row_of_mapped_module": {
    fr: "Le module {code} a déjà des lignes : une ligne sans exigence n'est permise que pour un module sans correspondance.",
    en: "Module {code} already has rows: a row without a requirement is only allowed for a module with no mapping.",
  },
  "import.unknown_sheet": { fr: "Référentiel inconnu « {sheet} ».", en: "Unknown reference sheet “{sheet}”." },
  "import.unknown_item": { fr: "Exigence inconnue « {ref} ».", en: "Unknown requirement “{ref}”." },
  "import.sheet_not_targeted": {
    fr: "« {sheet} » n'est pas un métier visé par la formation.",
    en: "“{sheet}” is not a target job of the programme.",
  },
  "import.duplicate_mapping": { fr: "Le module {code} est déjà relié à {ref}.", en: "Module {code} is already linked to {ref}." },
  "import.depth": {
    fr: "La profondeur doit valoir 1, 2, 3 ou 4 (lue : « {read} »).",
    en: "The depth must be 1, 2, 3 or 4 (read: “{read}”).",
  },
  "import.assessed": {
    fr: "« évaluée » (assessed) vaut oui ou non (lu : « {read} »).",
    en: "“assessed” is yes or no (read: “{read}”).",
  },
  "import.module_beyond_semesters": {
    fr: "Le module {code} est au semestre {semester}, au-delà des {semesters} semestres de la formation.",
    en: "Module {code} is in semester {semester}, beyond the {semesters} semesters of the programme.",
  },
  "import.targets_unknown": { fr: "targets : référentiel inconnu ({slugs}).", en: "targets: unknown reference sheet ({slugs})." },
  "import.file_too_large": {
    fr: "Fichier trop volumineux (20 Mo au plus) ou envoi illisible.",
    en: "File too large (20 MB at most) or unreadable upload.",
  },
  "import.no_file": { fr: "Choisissez un fichier CSV ou XLSX.", en: "Choose a CSV or XLSX file." },
  "import.file_unreadable": { fr: "Fichier illisible.", en: "Unreadable file." },

  // Spreadsheets read for an import (app/utils/xlsx.server.ts).
  "spreadsheet.not_a_workbook": { fr: "Ce fichier n'est pas un classeur XLSX lisible.", en: "This file is not a readable XLSX workbook." },
  "spreadsheet.too_big": {
    fr: "Ce classeur est trop volumineux une fois décompressé ({max} Mo au plus) : découpez-le, ou enregistrez-le en CSV.",
    en: "This workbook is too large once unzipped ({max} MB at most): split it, or save it as CSV.",
  },
  "spreadsheet.no_sheet": { fr: "Le classeur ne contient aucune feuille.", en: "The workbook has no sheet." },

  // The reference data contract (app/domain/reference-data.ts).
  "refdata.source_file_required": { fr: "Le nom du fichier source est obligatoire.", en: "The name of the source file is required." },
  "refdata.quote_required": { fr: "La citation de la source est obligatoire.", en: "The quotation of the source is required." },
  "refdata.editorial_reason_required": { fr: "Un choix éditorial doit donner sa raison.", en: "An editorial choice must give its reason." },
  "refdata.reason_needs_editorial": { fr: "Une raison éditoriale exige editorial: true.", en: "An editorial reason requires editorial: true." },
  "refdata.competence_code": { fr: "Le code d'une compétence est C1, C2, ...", en: "A competence's code is C1, C2, ..." },
  "refdata.certification_kind": { fr: "Une fiche RNCP est de nature « certification ».", en: "An RNCP fiche is of kind “certification”." },
  "refdata.certification_bloc": { fr: "{code} n'appartient à aucun bloc de la fiche.", en: "{code} belongs to no bloc of the fiche." },
  "refdata.knowledge_code": {
    fr: "Le code d'un domaine de connaissances est K-<formacode> ou K-<nom>.",
    en: "A knowledge domain's code is K-<formacode> or K-<name>.",
  },
  "refdata.transversal_code": { fr: "Le code d'une ressource transverse va de T01 à T17.", en: "A transversal resource's code runs from T01 to T17." },
  "refdata.not_required_no_depth": { fr: "Un élément non requis n'a pas de profondeur.", en: "An item that is not required has no depth." },
  "refdata.slug": { fr: "Le slug ne contient que des minuscules, chiffres et tirets.", en: "The slug holds only lower-case letters, digits and hyphens." },
  "refdata.school_slug": {
    fr: "Le slug d'une liste d'établissement (kind « school ») est <établissement>~<liste>, et seule une telle liste a cette forme.",
    en: "A school list's slug (kind “school”) is <school>~<list>, and only such a list has that form.",
  },
  "refdata.school_list_import": {
    fr: "Une liste d'établissement (kind « school ») se crée et se modifie dans Maquette, pas par import.",
    en: "A school's own list (kind “school”) is created and edited in Maquette, not imported.",
  },
  "refdata.cncp_range": { fr: "Le niveau CNCP minimal dépasse le maximal.", en: "The minimum CNCP level is above the maximum." },
  "refdata.duplicate_code": { fr: "Code en double : {code}", en: "Duplicate code: {code}" },
  "refdata.excerpt_outside_quote": {
    fr: "L'extrait doit figurer mot pour mot dans la citation de la source.",
    en: "The excerpt must appear word for word in the source quotation.",
  },
  "refdata.framework_transversal": {
    fr: "Un cadre national ne contient pas de ressource transverse.",
    en: "A national framework holds no transversal resource.",
  },
  "refdata.transversal_missing": {
    fr: "Les 17 ressources transverses doivent figurer ; il manque : {missing}",
    en: "All 17 transversal resources must be listed; missing: {missing}",
  },
  "refdata.transversal_framework": {
    fr: "Le cadre des ressources transverses doit lister T01 à T17 dans l'ordre.",
    en: "The framework of transversal resources must list T01 to T17 in order.",
  },
  // Reference sheets read from a file (app/domain/sheet-exchange.ts, app/domain/json-syntax.ts).
  "sheet.file_empty": { fr: "Le fichier est vide.", en: "The file is empty." },
  "sheet.json_invalid": {
    fr: "JSON invalide, ligne {line}, colonne {column} : {reason}.",
    en: "Invalid JSON, line {line}, column {column}: {reason}.",
  },
  "sheet.case_title_required": { fr: "Le titre du document CASE est obligatoire.", en: "The title of the CASE document is required." },
  "sheet.case_item_statement": { fr: "Un CFItem doit avoir un fullStatement.", en: "A CFItem must have a fullStatement." },
  "sheet.case_no_item": { fr: "Le paquet CASE ne contient aucun CFItem.", en: "The CASE package has no CFItem." },
  "sheet.extension_error": { fr: "Extension maquette : {error}", en: "Maquette extension: {error}" },
  "sheet.transversal_label": {
    fr: "requirements[{index}].label : le libellé de {code} diffère du cadre des ressources transverses (« {expected} »).",
    en: "requirements[{index}].label: the label of {code} differs from the framework of transversal resources (“{expected}”).",
  },
  "json.escape": { fr: "séquence d'échappement invalide", en: "invalid escape sequence" },
  "json.control_character": {
    fr: "caractère de contrôle (retour à la ligne ?) dans une chaîne",
    en: "control character (a line break?) in a string",
  },
  "json.unterminated_string": { fr: "chaîne non terminée (guillemet fermant manquant)", en: "unterminated string (closing quote missing)" },
  "json.too_deep": { fr: "imbrication trop profonde (plus de {max} niveaux)", en: "nesting too deep (more than {max} levels)" },
  "json.number": { fr: "nombre invalide", en: "invalid number" },
  "json.property_name": { fr: "nom de propriété entre guillemets attendu", en: "property name in double quotes expected" },
  "json.colon": { fr: "« : » attendu après le nom de propriété", en: "“:” expected after the property name" },
  "json.comma_or_close": { fr: "« , » ou « {close} » attendu", en: "“,” or “{close}” expected" },
  "json.end_of_file": { fr: "fin de fichier inattendue", en: "unexpected end of file" },
  "json.unexpected_character": { fr: "caractère inattendu « {character} »", en: "unexpected character “{character}”" },
  "json.trailing": { fr: "contenu inattendu après la fin du document JSON", en: "unexpected content after the end of the JSON document" },

  // Decisions of a reference sheet upgrade, row by row (app/domain/sheet-upgrade.ts).
  "upgrade.choose": { fr: "Choisissez ce que devient cette correspondance.", en: "Choose what becomes of this mapping." },
  "upgrade.removed_cannot_keep": {
    fr: "Une compétence retirée du référentiel ne peut pas être gardée telle quelle.",
    en: "A competence removed from the reference sheet cannot be kept as it is.",
  },
  "upgrade.choose_requirement": { fr: "Choisissez une exigence de la nouvelle version.", en: "Choose a requirement of the new version." },

  // RNCP exports of France compétences (app/domain/rncp-fiche.ts, app/utils/rncp-export.server.ts).
  "rncp.rs_fiche": {
    fr: "{fiche} est une fiche du Répertoire spécifique (RS) : elle n'a pas de blocs de compétences, elle ne peut pas devenir une certification à couvrir.",
    en: "{fiche} is a fiche of the Répertoire spécifique (RS): it has no blocs de compétences, so it cannot become a certification to cover.",
  },
  "rncp.no_level": {
    fr: "La fiche {fiche} n'a pas de niveau CNCP (« {level} ») : une certification sans niveau ne peut pas être visée.",
    en: "Fiche {fiche} has no CNCP level (“{level}”): a certification without a level cannot be targeted.",
  },
  "rncp.no_blocs": {
    fr: "La fiche {fiche} ne décrit aucun bloc de compétences : il n'y a rien à couvrir.",
    en: "Fiche {fiche} describes no bloc de compétences: there is nothing to cover.",
  },
  "rncp.no_title": { fr: "La fiche {fiche} n'a pas d'intitulé.", en: "Fiche {fiche} has no title." },
  "rncp.no_certifier": { fr: "La fiche {fiche} ne nomme aucun certificateur.", en: "Fiche {fiche} names no certifier." },
  "rncp.bloc_code": {
    fr: "La fiche {fiche} a un bloc au code illisible (« {code} ») : attendu RNCP…BC01.",
    en: "Fiche {fiche} has a bloc with an unreadable code (“{code}”): expected RNCP…BC01.",
  },
  "rncp.not_found": {
    fr: "La fiche {fiche} n'est pas dans ce fichier ({count} fiches lues).",
    en: "Fiche {fiche} is not in this file ({count} fiches read).",
  },
  "rncp.duplicate": {
    fr: "La fiche {fiche} figure plusieurs fois dans ce fichier : ce n'est pas un export cohérent.",
    en: "Fiche {fiche} appears several times in this file: it is not a consistent export.",
  },
  "rncp.not_export": {
    fr: "Ce fichier n'est pas un export RNCP de France compétences (XML « FICHES », son zip, ou le zip des fichiers CSV) : {reason}.",
    en: "This file is not an RNCP export of France compétences (XML “FICHES”, its zip, or the zip of CSV files): {reason}.",
  },
  "rncp.truncated": {
    fr: "Le fichier s'arrête avant sa fin ou est mal formé ({reason}) : il est peut-être tronqué.",
    en: "The file stops before its end or is malformed ({reason}): it may be truncated.",
  },
  "rncp.no_date": {
    fr: "La date de l'export ne se lit pas dans le nom du fichier « {file} » : indiquez-la (AAAA-MM-JJ).",
    en: "The export's date cannot be read from the file name “{file}”: give it (YYYY-MM-DD).",
  },
  "rncp.older_export": {
    fr: "Cet export du {date} est plus ancien que celui de la version {version} de la fiche (export du {latest}).",
    en: "This export of {date} is older than the one of version {version} of the sheet (export of {latest}).",
  },
  "rncp.bad_number": {
    fr: "« {fiche} » n'est pas un numéro de fiche : RNCP suivi de chiffres (RNCP38596).",
    en: "“{fiche}” is not a fiche number: RNCP followed by digits (RNCP38596).",
  },
  "rncp.too_large": { fr: "Le fichier dépasse {max} Go.", en: "The file exceeds {max} GB." },

  // Blocs de compétences in coverage (app/domain/bloc-coverage.ts).
  "bloc.not_assessed": {
    fr: "Bloc {code} ({label}) : compétences qu'aucun module n'évalue : {missing} sur {total} ; le RNCP certifie chaque bloc séparément.",
    en: "Bloc {code} ({label}): competences no module assesses: {missing} out of {total}; the RNCP certifies each bloc separately.",
  },

  // Programme form (app/domain/programme.ts).
  "programme.level_required": { fr: "Choisissez un niveau CNCP.", en: "Choose a CNCP level." },
  "programme.level_invalid": { fr: "Le niveau CNCP doit être 5, 6 ou 7.", en: "The CNCP level must be 5, 6 or 7." },
  "programme.title_required": { fr: "Le titre est obligatoire.", en: "The title is required." },
  "programme.title_too_short": { fr: "Le titre doit compter au moins 3 caractères.", en: "The title must have at least 3 characters." },
  "programme.title_too_long": { fr: "Le titre ne peut dépasser 200 caractères.", en: "The title cannot exceed 200 characters." },
  "programme.diploma_required": { fr: "Choisissez un type de diplôme.", en: "Choose a type of diploma." },
  "programme.entry_required": { fr: "Indiquez les crédits d'entrée.", en: "Enter the entry credits." },
  "programme.entry_whole": { fr: "Les crédits d'entrée sont un nombre entier.", en: "Entry credits are a whole number." },
  "programme.entry_negative": { fr: "Les crédits d'entrée ne peuvent être négatifs.", en: "Entry credits cannot be negative." },
  "programme.entry_too_many": { fr: "Les crédits d'entrée ne peuvent dépasser 300.", en: "Entry credits cannot exceed 300." },
  "programme.entry_below_level": {
    fr: "Les crédits d'entrée doivent être inférieurs aux {total} ECTS du niveau {level}.",
    en: "Entry credits must be lower than the {total} ECTS of level {level}.",
  },
  "programme.semesters_required": { fr: "Indiquez le nombre de semestres.", en: "Enter the number of semesters." },
  "programme.semesters_whole": { fr: "Le nombre de semestres est un entier.", en: "The number of semesters is a whole number." },
  "programme.semesters_min": { fr: "Au moins un semestre.", en: "At least one semester." },
  "programme.semesters_max": { fr: "Au plus 12 semestres.", en: "At most 12 semesters." },
  "programme.target_unknown": { fr: "Référentiel inconnu.", en: "Unknown reference sheet." },
  "programme.targets_min": { fr: "Choisissez au moins un métier visé.", en: "Choose at least one target job." },
  "programme.targets_max": { fr: "Au plus 10 métiers visés.", en: "At most 10 target jobs." },
  "programme.targets_unique": { fr: "Chaque métier visé ne peut être choisi qu'une fois.", en: "Each target job can be chosen only once." },
  "programme.description_too_long": { fr: "La description ne peut dépasser 5 000 caractères.", en: "The description cannot exceed 5,000 characters." },

  // Module form (app/domain/programme.ts); {kind} is one of the kinds of hours below.
  "module.hours_required": { fr: "Indiquez les heures de {kind}.", en: "Enter the hours of {kind}." },
  "module.hours_whole": { fr: "Les heures de {kind} sont un nombre entier.", en: "The hours of {kind} are a whole number." },
  "module.hours_negative": { fr: "Les heures de {kind} ne peuvent être négatives.", en: "The hours of {kind} cannot be negative." },
  "module.hours_too_many": { fr: "Au plus 2 000 heures de {kind}.", en: "At most 2,000 hours of {kind}." },
  "module.code_required": { fr: "Le code est obligatoire.", en: "The code is required." },
  "module.code_invalid": {
    fr: "Le code compte 1 à 32 caractères : lettres, chiffres, point, tiret ou souligné.",
    en: "The code has 1 to 32 characters: letters, digits, dots, hyphens or underscores.",
  },
  "module.title_required": { fr: "L'intitulé est obligatoire.", en: "The title is required." },
  "module.title_too_short": { fr: "L'intitulé doit compter au moins 2 caractères.", en: "The title must have at least 2 characters." },
  "module.title_too_long": { fr: "L'intitulé ne peut dépasser 200 caractères.", en: "The title cannot exceed 200 characters." },
  "module.semester_required": { fr: "Indiquez le semestre.", en: "Enter the semester." },
  "module.semester_whole": { fr: "Le semestre est un entier.", en: "The semester is a whole number." },
  "module.semester_min": { fr: "Le semestre commence à 1.", en: "Semesters start at 1." },
  "module.semester_beyond": { fr: "La formation compte {semesters} semestres.", en: "The programme has {semesters} semesters." },
  "module.span_invalid": { fr: "Un module dure un semestre ou deux.", en: "A module runs over one semester or two." },
  "module.span_beyond": {
    fr: "La formation compte {semesters} semestres : un module sur deux semestres ne peut commencer au dernier.",
    en: "The programme has {semesters} semesters: a module over two semesters cannot start in the last one.",
  },
  "module.ects_required": { fr: "Indiquez les ECTS.", en: "Enter the ECTS." },
  "module.ects_negative": { fr: "Les ECTS ne peuvent être négatifs.", en: "ECTS cannot be negative." },
  "module.ects_too_many": { fr: "Au plus 60 ECTS pour un module.", en: "At most 60 ECTS for a module." },
  "module.ects_half": { fr: "Les ECTS vont par demi-crédit (ex. 2,5).", en: "ECTS go by half credits (e.g. 2.5)." },
  "module.at_most_500": { fr: "Au plus 500 caractères.", en: "At most 500 characters." },
  "module.at_most_5000": { fr: "Au plus 5 000 caractères.", en: "At most 5,000 characters." },

  // A school's own requirement list (app/domain/school-list.ts).
  "schoollist.title_required": { fr: "Le titre de la liste est obligatoire.", en: "The list's title is required." },
  "schoollist.title_too_short": { fr: "Le titre doit compter au moins 3 caractères.", en: "The title must have at least 3 characters." },
  "schoollist.title_too_long": { fr: "Le titre ne peut dépasser 200 caractères.", en: "The title cannot exceed 200 characters." },
  "schoollist.slug_required": { fr: "Choisissez l'identifiant de la liste.", en: "Choose the list's identifier." },
  "schoollist.slug_invalid": {
    fr: "L'identifiant ne contient que des minuscules sans accent, des chiffres et des tirets simples (ex. acquis-master).",
    en: "The identifier holds only lower-case letters without accents, digits and single hyphens (e.g. acquis-master).",
  },
  "schoollist.slug_too_long": { fr: "L'identifiant ne peut dépasser 60 caractères.", en: "The identifier cannot exceed 60 characters." },
  "schoollist.slug_taken": { fr: "L'établissement a déjà une liste « {slug} ».", en: "The school already has a list “{slug}”." },
  "schoollist.level_invalid": { fr: "Le niveau CNCP est 5, 6 ou 7, ou non précisé.", en: "The CNCP level is 5, 6 or 7, or not stated." },
  "schoollist.source_name_too_long": { fr: "Le nom du document source ne peut dépasser 300 caractères.", en: "The source document's name cannot exceed 300 characters." },
  "schoollist.groups_min": { fr: "La liste compte au moins un groupe.", en: "The list has at least one group." },
  "schoollist.groups_max": { fr: "Au plus 30 groupes.", en: "At most 30 groups." },
  "schoollist.items_max": { fr: "Au plus 300 exigences dans une liste.", en: "At most 300 requirements in a list." },
  "schoollist.group_required": { fr: "Le titre du groupe est obligatoire.", en: "The group's title is required." },
  "schoollist.group_too_long": { fr: "Le titre du groupe ne peut dépasser 200 caractères.", en: "The group's title cannot exceed 200 characters." },
  "schoollist.group_empty": { fr: "Un groupe compte au moins une exigence.", en: "A group has at least one requirement." },
  "schoollist.group_too_many": { fr: "Au plus 200 exigences dans un groupe.", en: "At most 200 requirements in a group." },
  "schoollist.item_required": { fr: "Le texte de l'exigence est obligatoire.", en: "The requirement's text is required." },
  "schoollist.item_too_short": { fr: "Le texte de l'exigence doit compter au moins 3 caractères.", en: "The requirement's text must have at least 3 characters." },
  "schoollist.item_too_long": { fr: "Le texte de l'exigence ne peut dépasser 1 000 caractères.", en: "The requirement's text cannot exceed 1,000 characters." },
  "schoollist.depth_invalid": { fr: "La profondeur requise va de 1 à 4, ou n'est pas précisée.", en: "The required depth runs from 1 to 4, or is not stated." },
  "schoollist.source_too_long": { fr: "Le texte source ne peut dépasser 4 000 caractères.", en: "The source text cannot exceed 4,000 characters." },
  "schoollist.code_invalid": { fr: "Code d'exigence invalide : C1, C2…", en: "Invalid requirement code: C1, C2…" },
  "schoollist.code_twice": { fr: "Le code {code} est donné à deux exigences.", en: "Code {code} is given to two requirements." },

  // Comments of the review (app/domain/review.ts).
  "review.body_required": { fr: "Écrivez votre commentaire.", en: "Write your comment." },
  "review.body_too_long": { fr: "{max} caractères au plus.", en: "{max} characters at most." },
  "review.forbidden_character": { fr: "Le texte contient un caractère non autorisé.", en: "The text contains a character that is not allowed." },
  "review.subject_required": { fr: "Choisissez le sujet du commentaire.", en: "Choose what the comment is about." },
  "review.module_required": { fr: "Choisissez le module commenté.", en: "Choose the module commented on." },
  "review.item_required": { fr: "Choisissez l'exigence commentée.", en: "Choose the requirement commented on." },

  // Account forms (app/domain/account-forms.ts) and the password policy.
  "account.email_required": { fr: "L'adresse électronique est obligatoire.", en: "The email address is required." },
  "account.email_too_long": { fr: "Adresse trop longue.", en: "Address too long." },
  "account.email_invalid": { fr: "Adresse électronique invalide.", en: "Invalid email address." },
  "account.password_required": { fr: "Le mot de passe est obligatoire.", en: "The password is required." },
  "account.password_too_long": { fr: "Mot de passe trop long.", en: "Password too long." },
  "account.name_required": { fr: "Le nom est obligatoire.", en: "The name is required." },
  "account.name_too_short": { fr: "Le nom doit compter au moins 2 caractères.", en: "The name must have at least 2 characters." },
  "account.at_least_2": { fr: "Au moins 2 caractères.", en: "At least 2 characters." },
  "account.at_least_3": { fr: "Au moins 3 caractères.", en: "At least 3 characters." },
  "account.at_most_60": { fr: "Au plus 60 caractères.", en: "At most 60 characters." },
  "account.at_most_120": { fr: "Au plus 120 caractères.", en: "At most 120 characters." },
  "account.at_most_160": { fr: "Au plus 160 caractères.", en: "At most 160 characters." },
  "account.school_required": { fr: "Le nom de l'établissement est obligatoire.", en: "The name of the school is required." },
  "account.current_password_required": { fr: "Indiquez votre mot de passe actuel.", en: "Enter your current password." },
  "account.token_name_required": { fr: "Donnez un nom au jeton.", en: "Give the token a name." },
  "account.role_required": { fr: "Choisissez un rôle.", en: "Choose a role." },
  "school.time_zone_unknown": { fr: "Choisissez un fuseau horaire de la liste.", en: "Choose a time zone from the list." },
  "password.too_short": {
    fr: "Le mot de passe doit compter au moins {min} caractères.",
    en: "The password must have at least {min} characters.",
  },
  "password.too_long": { fr: "Le mot de passe ne peut dépasser {max} caractères.", en: "The password cannot exceed {max} characters." },
  "password.common": {
    fr: "Ce mot de passe fait partie des plus courants : choisissez-en un autre.",
    en: "This password is one of the most common: choose another one.",
  },
  "password.like_email": {
    fr: "Le mot de passe ne doit pas reprendre votre adresse électronique.",
    en: "The password must not repeat your email address.",
  },
} as const satisfies Record<string, Record<Language, string>>;

export type SentenceKey = keyof typeof SENTENCES;
/** A sentence the domain says: a stable key and the values of its `{slots}`. */
export type Sentence = { key: SentenceKey; params: SentenceParams };

/** Words that sentences take as parameters and that read differently in English. */
const PARAMETER_WORDS: Record<string, string> = {
  "cours magistral": "lectures",
  "travaux dirigés": "tutorials",
  "travaux pratiques": "practical work",
  projet: "project",
};

export function sentenceKeys(): SentenceKey[] {
  return Object.keys(SENTENCES) as SentenceKey[];
}

export function sentenceTemplate(key: SentenceKey, language: Language): string {
  return SENTENCES[key][language];
}

function parameterText(value: string | number, language: Language): string {
  // Numbers as the French sentences have always written them (7.5, 1200), the same in English.
  if (typeof value === "number") return String(value);
  return language === "en" ? (PARAMETER_WORDS[value] ?? value) : value;
}

/** The sentence written in a language: the template's `{slots}` filled with its parameters. */
export function renderSentence(sentence: Sentence, language: Language): string {
  return SENTENCES[sentence.key][language].replace(/\{(\w+)\}/g, (slot, name: string) =>
    name in sentence.params ? parameterText(sentence.params[name], language) : slot,
  );
}

export function sentence(key: SentenceKey, params: SentenceParams = {}): Sentence {
  return { key, params };
}

/** The French text of a sentence: what zod schemas, the API and the tests carry. */
export function frenchText(key: SentenceKey, params: SentenceParams = {}): string {
  return renderSentence({ key, params }, "fr");
}

/**
 * The language an API client asks for with Accept-Language: English when it prefers English
 * to French, French otherwise (the default).
 */
export function languageFromAcceptLanguage(header: string | null): Language {
  if (!header) return "fr";
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...options] = part.trim().toLowerCase().split(";");
      const q = options.map((option) => /^\s*q=([\d.]+)\s*$/.exec(option)).find(Boolean);
      return { language: tag.trim().split("-")[0], q: q ? Number(q[1]) : 1, index };
    })
    .filter((entry) => (entry.language === "fr" || entry.language === "en") && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.language === "en" ? "en" : "fr";
}

type Pattern = { key: SentenceKey; names: string[]; regex: RegExp };
let patterns: { exact: Map<string, SentenceKey>; withSlots: Pattern[] } | null = null;

function frenchPatterns() {
  if (patterns) return patterns;
  const exact = new Map<string, SentenceKey>();
  const withSlots: Pattern[] = [];
  for (const key of sentenceKeys()) {
    const template = SENTENCES[key].fr;
    const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    if (names.length === 0) {
      exact.set(template, key);
      continue;
    }
    const source = template
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("(.*?)");
    withSlots.push({ key, names, regex: new RegExp(`^${source}$`, "s") });
  }
  patterns = { exact, withSlots };
  return patterns;
}

/** The key and parameters of a French text of this catalogue, or null for any other text. */
export function parseFrenchText(text: string): Sentence | null {
  const { exact, withSlots } = frenchPatterns();
  const key = exact.get(text);
  if (key) return { key, params: {} };
  for (const pattern of withSlots) {
    const match = pattern.regex.exec(text);
    if (match) return { key: pattern.key, params: Object.fromEntries(pattern.names.map((name, i) => [name, match[i + 1]])) };
  }
  return null;
}

/**
 * A French text of this catalogue (a zod error, a password problem) in a language; any other
 * text comes back as it is.
 */
export function translateText(text: string, language: Language): string {
  if (language === "fr") return text;
  const found = parseFrenchText(text);
  return found ? renderSentence(found, language) : text;
}
