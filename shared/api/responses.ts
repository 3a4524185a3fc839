/**
 * What the API answers, route by route: zod schemas and the types inferred from them. The
 * server's handlers build these types, the add-in's client parses every answer with these
 * schemas, and the dashboard will too: one description of the contract, no copies.
 */
import { z } from 'zod';
import {
  calendarChangeSchema,
  calendarIssueSchema,
  calendarRequestSchema,
  calendarSessionSchema,
} from '../calendar/calendar';
import {
  activityVarianceSchema,
  reprogrammingRecordSchema,
  varianceTotalsSchema,
} from '../lifecycle';
import {
  activityIdSchema,
  agreementSchema,
  axisSchema,
  isoDateSchema,
  monthSchema,
  programIdSchema,
  programmeDetailsSchema,
  programmeStatusSchema,
  statusSchema,
  validationIssueSchema,
} from '../schemas';

export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** Every failure answers `{error}` (one Spanish sentence) or `{errors}` (a 400's list). */
export const errorBodySchema = z.union([
  z.object({ error: z.string() }).loose(),
  z.object({ errors: z.array(fieldErrorSchema) }),
]);

export const healthSchema = z.object({ status: z.literal('ok'), storage: z.literal('ok') });

export const programSummarySchema = z.object({
  id: programIdSchema,
  year: z.number().int(),
  title: z.string(),
});
export type ProgramSummary = z.infer<typeof programSummarySchema>;
export const programListSchema = z.array(programSummarySchema);

/** One planned month's status as the server keeps it; `etag` is what a change must be based on. */
export const monthStatusViewSchema = z.object({
  status: statusSchema,
  note: z.string().optional(),
  evidence: z.string().optional(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  etag: z.string(),
});
export type MonthStatusView = z.infer<typeof monthStatusViewSchema>;

export const activityViewSchema = z.object({
  id: activityIdSchema,
  axis: z.number().int().min(1),
  axisName: z.string(),
  description: z.string(),
  period: z.string().optional(),
  months: z.array(monthSchema),
  responsibleArea: z.string(),
  strategicLines: z.array(z.string()).optional(),
  /** By month number ("4"), for every planned month. */
  statuses: z.record(z.string(), monthStatusViewSchema),
});

/** An activity's change since the baseline, with its description (a dropped one is no longer in the plan). */
export const varianceViewSchema = activityVarianceSchema.extend({ description: z.string() });
export type VarianceView = z.infer<typeof varianceViewSchema>;

export const programViewSchema = z.object({
  id: programIdSchema,
  year: z.number().int(),
  title: z.string(),
  /** Where it stands in its year (`details.lifecycle`; a draft when it says nothing). */
  status: programmeStatusSchema,
  details: programmeDetailsSchema,
  axes: z.array(axisSchema),
  activities: z.array(activityViewSchema),
  /** Every change since the baseline (empty before the ratification), in activity order. */
  variance: z.array(varianceViewSchema),
  varianceTotals: varianceTotalsSchema,
});
export type ProgramView = z.infer<typeof programViewSchema>;

export const upsertPlanResultSchema = z.object({
  programId: programIdSchema,
  created: z.boolean(),
  activitiesWritten: z.number().int(),
  monthsAdded: z.number().int(),
  monthsRemoved: z.number().int(),
});
export type UpsertPlanResult = z.infer<typeof upsertPlanResultSchema>;

/** The plan a programme's Word document stated, stored: what was written, and the warnings. */
export const documentImportSchema = upsertPlanResultSchema.extend({
  activities: z.number().int(),
  issues: z.array(validationIssueSchema),
});
export type DocumentImport = z.infer<typeof documentImportSchema>;

/** Where the programme stands after a step of its year. */
export const lifecycleAnswerSchema = z.object({
  programId: programIdSchema,
  status: programmeStatusSchema,
  agreements: z.object({ approval: agreementSchema, ratification: agreementSchema }),
  baseline: z
    .object({
      date: isoDateSchema,
      agreement: z.string(),
      frozenAt: z.string(),
      activities: z.number().int(),
    })
    .nullable(),
});
export type LifecycleAnswer = z.infer<typeof lifecycleAnswerSchema>;

export const reprogrammingListSchema = z.array(reprogrammingRecordSchema);

/** Next year's draft: where it is, and what differs from the programme it came from. */
export const draftAnswerSchema = z.object({
  programId: programIdSchema,
  year: z.number().int(),
  from: programIdSchema,
  activities: z.number().int(),
  sessions: z.number().int(),
  differences: z.array(z.string()),
});
export type DraftAnswer = z.infer<typeof draftAnswerSchema>;

/** The periods whose report was frozen. */
export const frozenReportListSchema = z.array(
  z.object({ period: z.string(), frozenAt: z.string(), frozenBy: z.string() }),
);
export type FrozenReportList = z.infer<typeof frozenReportListSchema>;

export const monthStatusAnswerSchema = monthStatusViewSchema.extend({
  activityId: activityIdSchema,
  month: monthSchema,
});
export type MonthStatusAnswer = z.infer<typeof monthStatusAnswerSchema>;

/** A stale `If-Match`: 412 with what the month holds now. */
export const staleStatusSchema = z.object({
  error: z.string(),
  current: monthStatusViewSchema.optional(),
});

export const syncAnswerSchema = z.object({
  applied: z.array(
    z.object({ activityId: activityIdSchema, month: monthSchema, etag: z.string() }),
  ),
  conflicts: z.array(
    z.object({ activityId: activityIdSchema, month: monthSchema, current: monthStatusViewSchema }),
  ),
});
export type SyncAnswer = z.infer<typeof syncAnswerSchema>;

export const historyItemSchema = z.object({
  activityId: activityIdSchema,
  month: monthSchema,
  from: statusSchema.nullable(),
  to: statusSchema,
  note: z.string().optional(),
  evidence: z.string().optional(),
  by: z.string(),
  at: z.string(),
});
export const historyPageSchema = z.object({
  items: z.array(historyItemSchema),
  continuationToken: z.string().optional(),
});

/** The session calendar, its recorded changes, the art. 57 checkpoints and what it lacks. */
export const calendarViewSchema = z.object({
  year: z.number().int(),
  rule: calendarRequestSchema,
  sessions: z.array(calendarSessionSchema),
  changes: z.array(calendarChangeSchema),
  checkpoints: z.object({ ratification: z.string().nullable(), approval: z.string().nullable() }),
  issues: z.array(calendarIssueSchema),
  etag: z.string(),
});
export type CalendarView = z.infer<typeof calendarViewSchema>;

/** Who is asking, and what they may do: the dashboard shows write controls to editors only. */
export const meSchema = z.object({ name: z.string(), roles: z.array(z.string()) });
export type Me = z.infer<typeof meSchema>;

/** A subscribable calendar URL; the token in it is shown once, when the feed is made. */
export const calendarFeedCreatedSchema = z.object({ id: z.string(), url: z.string() });
export const calendarFeedListSchema = z.array(
  z.object({ id: z.string(), createdBy: z.string(), createdAt: z.string() }),
);
export type CalendarFeedList = z.infer<typeof calendarFeedListSchema>;

/** One file of a day's export set (the last complete set written that day). */
export const exportFileSchema = z.object({
  date: isoDateSchema,
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
});
export const exportListSchema = z.object({ exports: z.array(exportFileSchema) });
export type ExportList = z.infer<typeof exportListSchema>;
export type ExportFile = z.infer<typeof exportFileSchema>;

/**
 * How clients sign in: `none` where the host stands in for sign-in (local), else Entra's details
 * for the pane's tokens. `appService`: the app runs behind App Service authentication, where the
 * dashboard signs in (`/.auth/login/aad`) and out (`/.auth/logout`).
 */
const appService = z.literal(true).optional();
export const authConfigSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('none'),
    appService,
    /**
     * «Modo local»: the local dev host signs every request in as this identity (no sign-in is
     * configured, or `PAT_ALLOW_DEV_PRINCIPAL=true`); pages say so. Never in Azure.
     */
    localIdentity: z.object({ name: z.string(), roles: z.array(z.string()) }).optional(),
  }),
  z.object({
    mode: z.literal('entra'),
    appService,
    clientId: z.string(),
    tenantId: z.string(),
    authority: z.string(),
    /** The API's scope clients ask tokens for (`api://{client-id}/access_as_user`). */
    scope: z.string(),
  }),
]);
export type AuthConfig = z.infer<typeof authConfigSchema>;

export const memberSchema = z.object({
  kind: z.enum(['user', 'group']),
  id: z.string(),
  role: z.enum(['editor', 'viewer']),
  name: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
});
export const memberListSchema = z.array(memberSchema);
export type ProgramMember = z.infer<typeof memberSchema>;
