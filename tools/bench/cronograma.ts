/**
 * Reading and validating cronogramas of 1,000 and 10,000 activities: activities per second and
 * the 10k/1k time ratio (about 10 when the work is linear in the rows).
 */
import { performance } from 'node:perf_hooks';
import { CronogramaLayout, layoutCronograma } from '../../shared/cronograma/layout';
import { readCronograma } from '../../shared/cronograma/reader';
import { validateCronograma } from '../../shared/cronograma/validate';
import { Month } from '../../shared/months';

export function generatedLayout(activityCount: number): CronogramaLayout {
  const axisCount = Math.max(1, Math.round(activityCount / 50));
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
      period: 'Enero-diciembre',
      months,
    };
  });
  return layoutCronograma(
    { year: 2021, axes, activities },
    { marks: ['✓', '•', '>', 'x'], periodColumn: true, repeatHeaderEvery: 40 },
  );
}

function timeOnce(layout: CronogramaLayout): number {
  const start = performance.now();
  const read = readCronograma(layout);
  if (!read.ok) throw new Error(read.message);
  validateCronograma(read.cronograma, { today: '2021-07-15' });
  return performance.now() - start;
}

/** Median of several runs after a warm-up, in milliseconds. */
function medianMs(layout: CronogramaLayout, runs: number): number {
  timeOnce(layout);
  const times = Array.from({ length: runs }, () => timeOnce(layout)).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export function runCronogramaBench(): Record<string, number> {
  const small = medianMs(generatedLayout(1_000), 15);
  const large = medianMs(generatedLayout(10_000), 5);
  const result = {
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
  return result;
}
