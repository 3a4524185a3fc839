/**
 * Reading and validating cronogramas of 1,000 and 10,000 activities: activities per second and
 * the 10k/1k time ratio (about 10 when the work is linear in the rows).
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { CronogramaLayout, layoutCronograma } from '../../shared/cronograma/layout';
import { readCronograma } from '../../shared/cronograma/reader';
import { validateCronograma } from '../../shared/cronograma/validate';
import { Month } from '../../shared/months';
import { formatPeriod } from '../../shared/period';

/**
 * A clean cronograma of `activityCount` activities as staff keep it: title, year, the two header
 * rows (repeated every 40 activities, as a printed page does), axes (at most 99: the reader refuses
 * axis 100), a mark under each planned month, each period naming the months it marks.
 */
export function generatedLayout(activityCount: number): CronogramaLayout {
  const axisCount = Math.min(99, Math.max(6, Math.round(activityCount / 50)));
  const axes = Array.from({ length: axisCount }, (_, i) => ({
    number: i + 1,
    name: `Eje de acción número ${i + 1}`,
  }));
  const activities = Array.from({ length: activityCount }, (_, i) => {
    const axis = (i % axisCount) + 1;
    const from = (i % 6) + 1;
    const months = Array.from({ length: 12 - from + 1 }, (_, k) => (from + k) as Month);
    return {
      id: `${axis}.${Math.floor(i / axisCount) + 1}`,
      axis,
      description: `Actividad ${i + 1}: seguimiento y vinculación institucional`,
      period: formatPeriod(months),
      months,
    };
  });
  return layoutCronograma(
    { year: 2021, axes, activities },
    { marks: ['✓', '•', '>', 'x'], periodColumn: true, repeatHeaderEvery: 40 },
  );
}

function timeOnce(layout: CronogramaLayout, expected: number): number {
  const start = performance.now();
  const read = readCronograma(layout);
  if (!read.ok) throw new Error(read.message);
  // Every generated activity read, or the figures would time fewer rows than they claim.
  if (read.cronograma.activities.length !== expected)
    throw new Error(`se leyeron ${read.cronograma.activities.length} actividades`);
  validateCronograma(read.cronograma, { today: '2021-07-15' });
  return performance.now() - start;
}

/** Median of several runs after a warm-up, in milliseconds. */
function medianMs(activityCount: number, runs: number): number {
  const layout = generatedLayout(activityCount);
  timeOnce(layout, activityCount);
  const times = Array.from({ length: runs }, () => timeOnce(layout, activityCount)).sort(
    (a, b) => a - b,
  );
  return times[Math.floor(times.length / 2)] as number;
}

/**
 * Peak memory of reading and validating `activityCount` activities: the maximum resident set of
 * a fresh process that builds the sheet and reads it once, minus that of one that only loads the
 * code (`activityCount` 0), in MB.
 */
function peakMb(activityCount: number): number {
  const script = `require(${JSON.stringify(__filename)}).readOnce(${activityCount});
    process.stdout.write(String(process.resourceUsage().maxRSS));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout) / 1024;
}

/** One read and validation of a generated sheet (for peakMb's child process). */
export function readOnce(activityCount: number): void {
  if (activityCount > 0) timeOnce(generatedLayout(activityCount), activityCount);
}

export function runCronogramaBench(): Record<string, number> {
  const small = medianMs(1_000, 15);
  const large = medianMs(10_000, 5);
  const baseline = peakMb(0);
  const result = {
    peak_mb_1k: Number((peakMb(1_000) - baseline).toFixed(1)),
    peak_mb_10k: Number((peakMb(10_000) - baseline).toFixed(1)),
    ms_1k: Number(small.toFixed(1)),
    ms_10k: Number(large.toFixed(1)),
    activities_per_s_1k: Math.round(1_000 / (small / 1000)),
    activities_per_s_10k: Math.round(10_000 / (large / 1000)),
    ratio_10k_1k: Number((large / small).toFixed(2)),
  };
  console.log('Cronograma: leer y validar (mediana)');
  console.log(
    `  1.000 actividades:  ${result.ms_1k} ms  (${result.activities_per_s_1k.toLocaleString('es-MX')} actividades/s)`,
  );
  console.log(
    `  10.000 actividades: ${result.ms_10k} ms  (${result.activities_per_s_10k.toLocaleString('es-MX')} actividades/s)`,
  );
  console.log(`  razón 10k/1k: ${result.ratio_10k_1k} (lineal ≈ 10)`);
  console.log(
    `  memoria máxima (sobre un proceso que solo carga el código): 1.000: ${result.peak_mb_1k} MB; 10.000: ${result.peak_mb_10k} MB`,
  );
  return result;
}
