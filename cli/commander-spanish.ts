/** commander writes its argument errors in English; staff read Spanish. */
const TRANSLATIONS: [RegExp, (...groups: string[]) => string][] = [
  [/^error: missing required argument '(.+)'/, (a) => `pat: falta el argumento «${a}».`],
  [
    /^error: required option '(.+?)' not specified/,
    (o) => `pat: falta la opción obligatoria «${o}».`,
  ],
  [/^error: unknown option '(.+)'/, (o) => `pat: opción desconocida «${o}».`],
  [
    /^error: unknown command '(.+)'/,
    (c) => `pat: comando desconocido «${c}». Comandos: validate, calendar, import, export, seed.`,
  ],
  [/^error: option '(.+)' argument missing/, (o) => `pat: falta el valor de la opción «${o}».`],
  [/^error: too many arguments(?: for '(.+)')?/, () => 'pat: sobran argumentos.'],
  [
    /^error: option '(.+)' argument '(.+)' is invalid\.?\s*(.*)/,
    (o, v, why) => `pat: valor «${v}» no válido para «${o}». ${why}`.trim(),
  ],
];

export function toSpanish(message: string): string {
  for (const [pattern, render] of TRANSLATIONS) {
    const match = pattern.exec(message.trim());
    if (match) return `${render(...match.slice(1))}\n`;
  }
  return message;
}

const TITLES: Record<string, string> = {
  'Usage:': 'Uso:',
  'Options:': 'Opciones:',
  'Commands:': 'Comandos:',
  'Arguments:': 'Argumentos:',
  'Global Options:': 'Opciones globales:',
};

/** Help in Spanish: section titles, and «por omisión» for defaults (commander writes them in English). */
export const spanishHelp = {
  styleTitle: (title: string) => TITLES[title] ?? title,
  styleUsage: (usage: string) =>
    usage.replace('[options]', '[opciones]').replace('[command]', '[comando]'),
  styleOptionDescription: (text: string) => text.replace(/\(default: (.*)\)$/, '(por omisión: $1)'),
};
