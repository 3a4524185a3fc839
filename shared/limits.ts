/**
 * Every text and list a person can write has a maximum, checked by the contract (a 400 naming the
 * field), by the sheet's validation (an error at the cell) and, as the last word, by the store
 * before anything is written (see backend/store/entity-size.ts). The README's «Límites» table lists
 * them. Chosen far above what the 2021 programme uses (its longest description is 339 characters)
 * and so that the biggest programme the contract allows still fits Table Storage's limits.
 */
export const TEXT_MAX = {
  /** A programme's title. */
  title: 300,
  /** An axis's name (the 2021 programme's longest: 104). */
  axisName: 300,
  /** An activity's description (the 2021 programme's longest: 339). */
  description: 4000,
  /** «Enero-diciembre». */
  period: 200,
  responsibleArea: 200,
  /** A month's note. */
  note: 2000,
  /** A month's evidence link. */
  evidence: 2000,
  /** Why a session moved. */
  reason: 1000,
  /** Why a day is not worked (vacaciones, …). */
  nonWorkingReason: 200,
  /** A member's or a person's name. */
  name: 200,
  /** A label, an acronym, an agreement's id or session. */
  label: 300,
  /** An objective's or a strategic line's text. */
  objective: 2000,
  /** A narrative text of the programme (legal basis, general objective, calendar note). */
  narrative: 20000,
} as const;

export const COUNT_MAX = {
  axes: 99,
  activities: 10000,
  strategicLinesPerActivity: 50,
  objectives: 50,
  strategicLinesPerObjective: 50,
  commissionMembers: 50,
  /** The institution's own non-working days in a calendar rule. */
  nonWorkingDays: 366,
  /** Reschedulings and added sessions a calendar keeps; past it, generate it again. */
  calendarChanges: 200,
  /** Paragraphs and lists of one narrative section of the programme document (I, II, IV). */
  narrativeBlocks: 500,
  /** Items of one list, and stretches of emphasis in one paragraph. */
  listItems: 200,
  runsPerParagraph: 200,
} as const;
