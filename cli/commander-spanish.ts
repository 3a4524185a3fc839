/** commander writes its argument errors in English; staff read Spanish. */
const TRANSLATIONS: [RegExp, (...groups: string[]) => string][] = [
  [
    /^error: unknown command '(.+?)'(?:\s*\(Did you mean (?:one of )?(.+)\?\))?/s,
    (c, similar) =>
      `pat: comando desconocido «${c}».${
        similar
          ? ` ¿Quiso decir ${similar
              .split(', ')
              .map((s) => `«${s}»`)
              .join(' o ')}?`
          : ''
      }`,
  ],
  [/^error: missing required argument '(.+)'/, (a) => `pat: falta el argumento «${a}».`],
  [
    /^error: required option '(.+?)' not specified/,
    (o) => `pat: falta la opción obligatoria «${o}».`,
  ],
  [/^error: unknown option '(.+)'/, (o) => `pat: opción desconocida «${o}».`],
  [/^error: option '(.+)' argument missing/, (o) => `pat: falta el valor de la opción «${o}».`],
  [/^error: too many arguments(?: for '(.+)')?/, () => 'pat: sobran argumentos.'],
  [
    /^error: option '(.+)' argument '(.+)' is invalid\.?\s*(.*)/,
    (o, v, why) => `pat: valor «${v}» no válido para «${o}». ${why}`.trim(),
  ],
];

/**
 * A commander error in Spanish. `commands`: the program's commands, listed after an unknown one
 * (from the program itself, so a new command is never missing from the list).
 */
export function toSpanish(message: string, commands: readonly string[] = []): string {
  for (const [pattern, render] of TRANSLATIONS) {
    const match = pattern.exec(message.trim());
    if (!match) continue;
    const spanish = render(...match.slice(1).map((g) => g ?? ''));
    const list = /comando desconocido/.test(spanish) && commands.length > 0;
    return `${spanish}${list ? ` Comandos: ${commands.join(', ')}.` : ''}\n`;
  }
  return message;
}

const spanishTerms = (text: string) =>
  text.replace('[options]', '[opciones]').replace('[command]', '[comando]');

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
  styleUsage: spanishTerms,
  styleSubcommandTerm: spanishTerms,
  styleOptionDescription: (text: string) => text.replace(/\(default: (.*)\)$/, '(por omisión: $1)'),
};
