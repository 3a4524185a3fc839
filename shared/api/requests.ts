/** What the API takes: zod schemas of its parameters, queries, headers and bodies, and their types. */
import { z } from 'zod';
import {
  activityIdSchema,
  axisSchema,
  calendarRuleSchema,
  isoDateSchema,
  programIdSchema,
  sessionTypeSchema,
  statusSchema,
  textOf,
  trimmedTextOf,
} from '../schemas';
import { COUNT_MAX, TEXT_MAX } from '../limits';
import { monthKey } from '../sync/three-way';
import { reprogrammingSchema } from '../lifecycle';
import { periodSchema } from '../report/period-report';
import { areaParamSchema, optOutTokenSchema } from '../reminders';

export { draftBody, lifecycleBody, type DraftBody, type LifecycleBody } from '../lifecycle';

const monthParam = z.coerce
  .number()
  .int()
  .min(1, 'El mes va de 1 a 12.')
  .max(12, 'El mes va de 1 a 12.');

export const programParams = z.object({ programId: programIdSchema });
export const monthParams = programParams.extend({
  activityId: activityIdSchema,
  month: monthParam,
});
export const sessionParams = programParams.extend({
  number: z.coerce.number().int().min(1).max(99),
});

const text = trimmedTextOf;
const evidence = textOf(TEXT_MAX.evidence).pipe(
  z.url({ protocol: /^https?$/, message: 'La evidencia debe ser un enlace http(s).' }),
);

export const statusBody = z.object({
  status: statusSchema,
  note: text(TEXT_MAX.note).optional(),
  evidence: evidence.optional(),
});

export const ifMatchHeader = z.string().min(1);

export const planBody = z
  .object({
    year: z.number().int().min(2000).max(2100),
    title: text(TEXT_MAX.title).min(1).optional(),
    axes: z.array(axisSchema).min(1).max(COUNT_MAX.axes),
    activities: z
      .array(
        z.object({
          id: activityIdSchema,
          axis: z.number().int().min(1),
          description: text(TEXT_MAX.description).min(1),
          period: text(TEXT_MAX.period).min(1).optional(),
          months: z.array(z.number().int().min(1).max(12)).min(1).max(12),
          responsibleArea: text(TEXT_MAX.responsibleArea).min(1).optional(),
          strategicLines: z
            .array(z.string().regex(/^\d+\.\d+$/))
            .max(COUNT_MAX.strategicLinesPerActivity)
            .optional(),
        }),
      )
      .min(1)
      .max(COUNT_MAX.activities),
    /** Required to change the plan of a ratified programme (a reprogramación). */
    reprogramming: reprogrammingSchema.optional(),
  })
  .superRefine((plan, ctx) => {
    const axes = new Set(plan.axes.map((a) => a.number));
    const ids = new Set<string>();
    plan.activities.forEach((a, i) => {
      if (!axes.has(a.axis))
        ctx.addIssue({
          code: 'custom',
          path: ['activities', i, 'axis'],
          message: `El eje ${a.axis} no está en «axes».`,
        });
      if (!a.id.startsWith(`${a.axis}.`))
        ctx.addIssue({
          code: 'custom',
          path: ['activities', i, 'id'],
          message: `El ID ${a.id} no corresponde al eje ${a.axis}.`,
        });
      if (ids.has(a.id))
        ctx.addIssue({
          code: 'custom',
          path: ['activities', i, 'id'],
          message: `ID repetido: ${a.id}.`,
        });
      if (new Set(a.months).size !== a.months.length)
        ctx.addIssue({
          code: 'custom',
          path: ['activities', i, 'months'],
          message: 'Meses repetidos.',
        });
      ids.add(a.id);
    });
  });

export const syncBody = z
  .object({
    idempotencyKey: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{8,100}$/,
        'Use de 8 a 100 letras, dígitos, «-» o «_» (p. ej. un UUID).',
      ),
    changes: z
      .array(
        z.object({
          activityId: activityIdSchema,
          month: z.number().int().min(1).max(12),
          status: statusSchema,
          note: text(TEXT_MAX.note).optional(),
          evidence: evidence.optional(),
          baseEtag: z.string().min(1).max(200),
        }),
      )
      .max(20000),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.changes.forEach((c, i) => {
      const key = monthKey(c.activityId, c.month);
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['changes', i],
          message: `Cambio repetido para ${c.activityId}, mes ${c.month}.`,
        });
      seen.add(key);
    });
  });

/**
 * A page token as Table Storage makes them (base64 of `{nextPartitionKey, nextRowKey}`): anything
 * else is refused here, before storage would fail on it.
 */
function isPageToken(token: string): boolean {
  try {
    const value: unknown = JSON.parse(atob(token));
    return (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { nextPartitionKey?: unknown }).nextPartitionKey === 'string' &&
      ['string', 'undefined'].includes(typeof (value as { nextRowKey?: unknown }).nextRowKey)
    );
  } catch {
    return false;
  }
}

export const historyQuery = z.object({
  activityId: activityIdSchema.optional(),
  month: monthParam.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
  continuationToken: z
    .string()
    .min(1)
    .max(2000)
    .refine(isPageToken, 'No es un token de continuación: use el que dio la página anterior.')
    .optional(),
});

export const generateSessionsBody = calendarRuleSchema.extend({
  year: z.number().int().min(2000).max(2100).optional(),
  /** Replacing a calendar that has recorded changes must be asked for. */
  replace: z.boolean().default(false),
});

export const rescheduleBody = z.object({
  date: isoDateSchema,
  reason: text(TEXT_MAX.reason).min(1, 'Indique el motivo.'),
  type: sessionTypeSchema.default('ordinaria'),
});

export const icsQuery = z.object({
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('11:00'),
});

/** What a client sends (defaults not yet applied) and what a handler gets (after parsing). */
export type PlanBody = z.input<typeof planBody>;
export type SyncBody = z.input<typeof syncBody>;
export type SyncRequest = z.output<typeof syncBody>;
export type HistoryQuery = z.output<typeof historyQuery>;
export type GenerateSessionsRequest = z.output<typeof generateSessionsBody>;
export type RescheduleRequest = z.output<typeof rescheduleBody>;

export const reportParams = sessionParams;
export const reportQuery = z.object({ format: z.enum(['json', 'csv', 'xlsx']).default('json') });
export const feedParams = programParams.extend({
  /** The feed's token (from its URL) or its id (from the list). */
  feed: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'No es un canal de calendario.'),
});
export const feedTokenParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{40,64}$/, 'No es un canal de calendario.'),
});
export const exportFileParams = programParams.extend({
  date: isoDateSchema,
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, 'No es un archivo de exportación.'),
});

export const meQuery = z.object({ programId: programIdSchema.optional() });
export const memberParams = programParams.extend({
  kind: z.enum(['user', 'group'], 'Use «user» (una persona) o «group» (un grupo de Entra).'),
  memberId: z
    .string()
    .regex(
      /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
      'El id de Entra (objeto) es un GUID.',
    ),
});
export const memberBody = z.object({
  role: z.enum(['editor', 'viewer']),
  name: text(TEXT_MAX.name).min(1),
});
export type MemberBody = z.input<typeof memberBody>;

export const periodParams = programParams.extend({ period: periodSchema });
export const periodReportQuery = z.object({
  format: z.enum(['json', 'xlsx', 'docx'], 'Use «json», «xlsx» o «docx».').default('json'),
});
/** A document uploaded to a ratified programme carries its reprogramación in the query. */
export const documentImportQuery = z
  .object({
    reason: text(TEXT_MAX.reason).min(1).optional(),
    agreement: text(TEXT_MAX.label).min(1).optional(),
  })
  .refine((q) => (q.reason === undefined) === (q.agreement === undefined), {
    message: 'Una reprogramación lleva el motivo («reason») y el acuerdo («agreement»).',
    path: ['reason'],
  });

export const areaParams = programParams.extend({ area: areaParamSchema });
export const optOutParams = programParams.extend({ token: optOutTokenSchema });
export { areaBody, type AreaBody } from '../reminders';
