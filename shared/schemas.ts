/**
 * zod schemas for every entity of the design. They are the single description of what a
 * valid value is: the seed data, HTTP bodies and CLI input are all parsed with them.
 */
import { ACTIVITY_ID } from './activity-id';
import { z } from 'zod';
import { COUNT_MAX, TEXT_MAX } from './limits';
import { STATUSES } from './status';
import { thousands } from './text';

const tooLong = (max: number) => `Escriba como máximo ${thousands(max)} caracteres.`;
/** A text of at most `max` characters, with a Spanish message naming the maximum. */
export const textOf = (max: number) => z.string().max(max, tooLong(max));
/** The same, trimmed first (what people type in forms and sheets). */
export const trimmedTextOf = (max: number) => z.string().trim().max(max, tooLong(max));

export const programIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Use minúsculas, dígitos y guiones, p. ej. «cvoe-2021».');

export const activityIdSchema = z
  .string()
  .regex(ACTIVITY_ID, 'El ID de actividad es «eje.número», p. ej. «2.3».');

export const monthSchema = z.number().int().min(1).max(12);
export const statusSchema = z.enum(STATUSES);
export const isoDateSchema = z.iso.date();

export const axisSchema = z.object({
  number: z.number().int().min(1),
  name: trimmedTextOf(TEXT_MAX.axisName).min(1),
});

export const activitySchema = z
  .object({
    id: activityIdSchema,
    axis: z.number().int().min(1),
    description: trimmedTextOf(TEXT_MAX.description).min(1),
    period: trimmedTextOf(TEXT_MAX.period).min(1).optional(),
    months: z
      .array(monthSchema)
      .min(1)
      .refine((ms) => new Set(ms).size === ms.length, 'Meses repetidos.'),
    responsibleArea: trimmedTextOf(TEXT_MAX.responsibleArea).min(1),
    strategicLines: z
      .array(z.string().regex(/^\d+\.\d+$/))
      .max(COUNT_MAX.strategicLinesPerActivity)
      .optional(),
  })
  .refine((a) => a.id.startsWith(`${a.axis}.`), {
    message: 'El ID debe empezar con el número de su eje.',
    path: ['id'],
  });

export const sessionTypeSchema = z.enum(['ordinaria', 'extraordinaria', 'urgente']);
export const sessionStatusSchema = z.enum(['programada', 'celebrada', 'reprogramada']);

export const sessionSchema = z.object({
  number: z.number().int().min(1),
  date: isoDateSchema,
  type: sessionTypeSchema,
  label: textOf(TEXT_MAX.label).min(1),
  status: sessionStatusSchema.default('programada'),
});

export const weekdaySchema = z.number().int().min(0).max(6);
export const weekOfMonthSchema = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal('last'),
]);

/** How a session moves off a non-working day. */
export const MOVE_POLICIES = [
  'previous-week',
  'next-week',
  'previous-working-day',
  'next-working-day',
] as const;

/** The session calendar's rule, as a programme stores it and as the calendar engine takes it. */
export const calendarRuleSchema = z.object({
  /** 0 = Sunday ... 4 = Thursday (JavaScript's numbering). */
  weekday: weekdaySchema.default(4),
  week: weekOfMonthSchema.default('last'),
  /** Day of month that replaces the rule's date, by month number ("1" → 21). */
  overrides: z
    .record(z.string().regex(/^(?:[1-9]|1[0-2])$/, 'Mes 1 a 12.'), z.number().int().min(1).max(31))
    .default({}),
  /** The institution's own non-working days (vacations), on top of the statutory ones. */
  nonWorkingDays: z
    .array(z.object({ date: isoDateSchema, reason: textOf(TEXT_MAX.nonWorkingReason).min(1) }))
    .max(COUNT_MAX.nonWorkingDays)
    .default([]),
  policy: z.enum(MOVE_POLICIES).default('previous-week'),
});

export const strategicLineSchema = z.object({
  id: z.string().regex(/^\d+\.\d+$/),
  text: textOf(TEXT_MAX.objective).min(1),
});

export const objectiveSchema = z.object({
  number: z.number().int().min(1),
  text: textOf(TEXT_MAX.objective).min(1),
  strategicLines: z.array(strategicLineSchema).min(1).max(COUNT_MAX.strategicLinesPerObjective),
});

export const agreementSchema = z.object({
  id: textOf(TEXT_MAX.label).min(1),
  date: isoDateSchema,
  session: textOf(TEXT_MAX.label).min(1),
});

export const memberSchema = z.object({
  name: textOf(TEXT_MAX.name).min(1),
  role: textOf(TEXT_MAX.label).min(1),
});

const named = z.object({
  name: textOf(TEXT_MAX.label).min(1),
  acronym: textOf(TEXT_MAX.label).min(1),
});

/** A stretch of text with its emphasis, as the programme document writes it. */
export const richRunSchema = z.object({
  text: textOf(TEXT_MAX.narrative).min(1),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
});
const runsSchema = z.array(richRunSchema).min(1).max(COUNT_MAX.runsPerParagraph);

/** A paragraph, or a list of items, of a narrative section. */
export const richBlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), runs: runsSchema }),
  z.object({ kind: z.literal('list'), items: z.array(runsSchema).min(1).max(COUNT_MAX.listItems) }),
]);
export type RichBlock = z.infer<typeof richBlockSchema>;

const richTextSchema = z.array(richBlockSchema).min(1).max(COUNT_MAX.narrativeBlocks);

/** The programme document's narrative sections: I introduction, II background, IV directives. */
export const narrativeSchema = z.object({
  introduction: richTextSchema.optional(),
  background: richTextSchema.optional(),
  directives: richTextSchema.optional(),
});
export type Narrative = z.infer<typeof narrativeSchema>;

/** Where a programme stands in its year (art. 57 CIPECM); the rules are in `lifecycle.ts`. */
export const PROGRAMME_STATUSES = ['borrador', 'aprobado', 'ratificado'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];
export const programmeStatusSchema = z.enum(PROGRAMME_STATUSES);

/** An activity's planned months when the programme was ratified: what variance is measured from. */
export const baselineActivitySchema = z.object({
  id: activityIdSchema,
  months: z.array(monthSchema).max(12),
});
export type BaselineActivity = z.infer<typeof baselineActivitySchema>;

/** The plan as ratified: the ratification's date and agreement, when it was frozen, each activity's months. */
export const baselineSchema = z.object({
  date: isoDateSchema,
  agreement: z.string(),
  frozenAt: z.string(),
  activities: z.array(baselineActivitySchema).max(COUNT_MAX.activities),
});
export type Baseline = z.infer<typeof baselineSchema>;

/** Kept in the programme's details; absent: a draft. */
export const lifecycleSchema = z.object({
  status: programmeStatusSchema,
  baseline: baselineSchema.optional(),
});
export type Lifecycle = z.infer<typeof lifecycleSchema>;

/** A programme's fields; `programmeSchema` adds the checks between them. */
export const programmeFieldsSchema = z.object({
  id: programIdSchema,
  year: z.number().int().min(2000).max(2100),
  title: textOf(TEXT_MAX.title).min(1),
  institute: named,
  commission: named.extend({
    members: z.array(memberSchema).min(1).max(COUNT_MAX.commissionMembers),
  }),
  executingArea: named,
  agreements: z.object({ approval: agreementSchema, ratification: agreementSchema }),
  legalBasis: textOf(TEXT_MAX.narrative).min(1),
  generalObjective: textOf(TEXT_MAX.narrative).min(1),
  objectives: z.array(objectiveSchema).max(COUNT_MAX.objectives),
  axes: z.array(axisSchema).min(1).max(COUNT_MAX.axes),
  activities: z.array(activitySchema).min(1).max(COUNT_MAX.activities),
  calendarRule: calendarRuleSchema,
  calendarNote: textOf(TEXT_MAX.narrative).min(1).optional(),
  narrative: narrativeSchema.optional(),
  lifecycle: lifecycleSchema.optional(),
  sessions: z.array(sessionSchema),
});

/** What a programme says about itself besides its plan and sessions (the store keeps it whole). */
export const programmeDetailsSchema = programmeFieldsSchema.omit({
  activities: true,
  sessions: true,
});
export type ProgrammeDetails = z.infer<typeof programmeDetailsSchema>;

export const programmeSchema = programmeFieldsSchema.superRefine((p, ctx) => {
  p.axes.forEach((axis, i) => {
    if (axis.number !== i + 1)
      ctx.addIssue({
        code: 'custom',
        path: ['axes', i, 'number'],
        message: `Se esperaba el eje ${i + 1}.`,
      });
  });
  const axisNumbers = new Set(p.axes.map((a) => a.number));
  const seen = new Set<string>();
  p.activities.forEach((activity, i) => {
    if (!axisNumbers.has(activity.axis))
      ctx.addIssue({
        code: 'custom',
        path: ['activities', i, 'axis'],
        message: `El eje ${activity.axis} no existe.`,
      });
    if (seen.has(activity.id))
      ctx.addIssue({
        code: 'custom',
        path: ['activities', i, 'id'],
        message: `ID repetido: ${activity.id}.`,
      });
    seen.add(activity.id);
  });
});

export const severitySchema = z.enum(['error', 'warning']);
export const validationIssueSchema = z.object({
  severity: severitySchema,
  code: z.string().regex(/^[a-z]+(\.[a-z_]+)+$/),
  cell: z.string(),
  message: z.string().min(1),
});

export type Axis = z.infer<typeof axisSchema>;
export type Activity = z.infer<typeof activitySchema>;
export type SessionType = z.infer<typeof sessionTypeSchema>;
export type Programme = z.infer<typeof programmeSchema>;
export type Severity = z.infer<typeof severitySchema>;
export type ValidationIssue = z.infer<typeof validationIssueSchema>;
