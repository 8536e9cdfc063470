/**
 * Role bits of a lexicon form (pure constants shared by the expander, the
 * lexicon and the repairer). Forms are stored lower-cased; the case of their
 * source decides between ROLE_WORD and ROLE_PROPER.
 */

/** A standalone word written in lower case ("møde", "fælles"). */
export const ROLE_WORD = 1;
/** The form may begin a compound (with its linking element, e.g. "beskæftigelses"). */
export const ROLE_BEGIN = 2;
/** The form may stand inside a compound. */
export const ROLE_MIDDLE = 4;
/** The form may end a compound. */
export const ROLE_END = 8;
/**
 * A standalone word that should not block a repair: marked not-to-suggest by
 * the dictionary ("pa", "pd"), or an abbreviation / unit / acronym ("PD", "pA").
 */
export const ROLE_WEAK = 16;
/** A standalone word only written capitalized: a proper name ("Aalborg", "Morsø"). */
export const ROLE_PROPER = 32;

export const ROLE_MAX = 63;

/** Any standalone role. */
export const ROLE_STANDALONE = ROLE_WORD | ROLE_PROPER | ROLE_WEAK;
