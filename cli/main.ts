import { Command, CommanderError, Option } from 'commander';
import { spanishHelp, toSpanish } from './commander-spanish';
import { ExitCode, Output, UsageError, processOutput } from './output';

/*
 * Start-up is part of the interface: registering the commands (all `pat --help` needs) loads
 * commander and this folder's light modules only. Each action imports its own libraries when it
 * runs (exceljs for workbooks, the Azure SDKs for storage, zod and luxon for the core), so
 * `pat validate` never loads the Azure SDKs and `pat --help` loads neither of them
 * (tests/cli/startup.test.ts).
 */

/** Today's date in Mexico City, computed when an action needs it (the clock loads luxon). */
async function today(): Promise<string> {
  return (await import('./clock')).todayInMexicoCity();
}

/** Builds the `pat` program. Each action stores its exit code instead of exiting, so tests can call it. */
export function buildProgram(out: Output, setExit: (code: ExitCode) => void): Command {
  const program = new Command('pat')
    .description('PAT Cronograma: valida, importa y exporta el programa anual de trabajo.')
    .configureOutput({
      writeOut: (s) => out.stdout(s),
      writeErr: (s) => out.stderr(s),
      outputError: (s, write) =>
        write(
          toSpanish(
            s,
            program.commands.map((c) => c.name()),
          ),
        ),
    })
    .exitOverride()
    .configureHelp(spanishHelp)
    .helpOption('-h, --help', 'muestra esta ayuda')
    .helpCommand('help [comando]', 'muestra la ayuda de un comando')
    .showHelpAfterError('(use «pat --help» para ver las opciones)');

  program
    .command('validate')
    .description('Valida el cronograma de un libro de Excel (.xlsx).')
    .argument('<archivo>', 'libro de Excel con el cronograma')
    .option('--sheet <nombre>', 'hoja del cronograma (por omisión, la que lo contenga)')
    .option('--json', 'salida en JSON')
    .addOption(
      new Option(
        '--today <fecha>',
        'fecha de hoy (AAAA-MM-DD) para los avisos de vencimiento',
      ).default('hoy', 'hoy en la Ciudad de México'),
    )
    .action(
      async (
        file: string,
        options: { sheet?: string; json?: boolean; today: string },
        command: Command,
      ) => {
        // The default stands for today, computed when the command runs, not when it is registered.
        const date =
          command.getOptionValueSource('today') === 'default' ? await today() : options.today;
        const { isIsoDate } = await import('../shared/calendar/dates');
        if (!isIsoDate(date))
          throw new UsageError(`--today espera una fecha AAAA-MM-DD, no «${date}».`);
        const { validateCommand } = await import('./validate-command');
        setExit(await validateCommand(file, { ...options, today: date }, out));
      },
    );

  const collect = (value: string, previous: string[]) => [...previous, value];
  program
    .command('calendar')
    .description('Genera el calendario de sesiones ordinarias de un año.')
    .requiredOption('--year <año>', 'año del calendario, p. ej. 2021')
    .option('--weekday <día>', 'día de la semana de las sesiones (jueves, thursday …)', 'thursday')
    .option('--week <semana>', 'semana del mes: last (última), 1, 2, 3 o 4', 'last')
    .option('--date <mes=día>', 'fecha fija para un mes, p. ej. 1=21 (repetible)', collect, [])
    .option('--non-working <AAAA-MM-DD>', 'día inhábil del Instituto (repetible)', collect, [])
    .option(
      '--policy <política>',
      'cómo mover una sesión que cae en día inhábil: previous-week, next-week, previous-working-day, next-working-day',
      'previous-week',
    )
    .option('--format <formato>', 'json, csv, xlsx o ics', 'json')
    .option('--out <archivo>', 'archivo de salida (por omisión, la terminal)')
    .option('--commission <siglas>', 'siglas de la comisión', 'CVOE')
    .option('--time <HH:MM>', 'hora de inicio en la Ciudad de México (para .ics)', '11:00')
    .action(async (options) => {
      const { calendarCommand } = await import('./calendar-command');
      setExit(await calendarCommand(options, out));
    });

  program
    .command('seed')
    .description('Carga el programa 2021 (semilla) en el almacenamiento configurado.')
    .action(async () => {
      const { seedCommand } = await import('./store-commands');
      setExit(await seedCommand(out));
    });

  program
    .command('import')
    .description(
      'Valida un cronograma (libro de Excel) o un Programa Anual de Trabajo (documento de Word .docx) y, si no tiene errores, escribe su plan en el almacenamiento.',
    )
    .argument('<archivo>', 'libro de Excel con el cronograma, o el documento de Word del programa')
    .requiredOption('--programme <id>', 'identificador del programa, p. ej. cvoe-2022')
    .option('--sheet <nombre>', 'hoja del cronograma')
    .option('--year <año>', 'año, si el cronograma no lo dice')
    .option('--reason <motivo>', 'programa ratificado: motivo de la reprogramación')
    .option('--agreement <acuerdo>', 'programa ratificado: acuerdo que aprueba la reprogramación')
    .action(
      async (
        file: string,
        options: {
          programme: string;
          sheet?: string;
          year?: string;
          reason?: string;
          agreement?: string;
        },
      ) => {
        const { importCommand } = await import('./store-commands');
        setExit(await importCommand(file, { ...options, today: await today() }, out));
      },
    );

  program
    .command('export')
    .description(
      'Exporta un programa: el libro de Excel (cronograma con estatus, calendario y resumen por eje) o, con --dir, todos los archivos de la exportación diaria.',
    )
    .requiredOption('--programme <id>', 'identificador del programa')
    .option('--out <archivo>', 'libro de Excel que se escribe')
    .option('--dir <carpeta>', 'carpeta donde se escriben todos los archivos de la exportación')
    .action(async (options: { programme: string; out?: string; dir?: string }) => {
      const { exportCommand } = await import('./store-commands');
      setExit(await exportCommand({ ...options, today: await today() }, out));
    });

  const document = program
    .command('document')
    .description('El documento del programa (Word): leerlo, o escribirlo desde el almacenamiento.');
  document
    .command('read')
    .description(
      'Lee un Programa Anual de Trabajo (.docx): acuerdos, objetivos, ejes, actividades con sus meses, sesiones; y dice qué no concuerda.',
    )
    .argument('<archivo>', 'documento de Word (.docx)')
    .option('--json', 'imprime {"programme": {…}, "issues": […]}')
    .action(async (file: string, options: { json?: boolean }) => {
      const { documentReadCommand } = await import('./document-command');
      setExit(await documentReadCommand(file, options, out));
    });
  document
    .command('write')
    .description(
      'Escribe el Programa Anual de Trabajo (.docx) de un programa: portada con los acuerdos, objetivos, acciones por eje, cronograma y calendario de sesiones.',
    )
    .requiredOption('--programme <id>', 'identificador del programa')
    .requiredOption('--out <archivo>', 'documento de Word que se escribe (.docx)')
    .action(async (options: { programme: string; out: string }) => {
      const { documentWriteCommand } = await import('./store-commands');
      setExit(await documentWriteCommand(options, out));
    });

  program
    .command('report')
    .description(
      'Informe de seguimiento de una sesión ordinaria (--session), o el informe al Consejo General de un trimestre o del año (--period), preliminar o congelado.',
    )
    .requiredOption('--programme <id>', 'identificador del programa')
    .option('--session <número>', 'número de la sesión ordinaria, p. ej. 6')
    .option('--period <periodo>', 'trimestre (2021-T2) o año (2021) del informe al Consejo General')
    .option('--freeze', 'con --period: congela el informe ahora (no cambia después)')
    .option(
      '--format <formato>',
      'json, csv o xlsx (--session); json, xlsx o docx (--period)',
      'json',
    )
    .option(
      '--out <archivo>',
      'archivo de salida (por omisión, la terminal; xlsx y docx lo necesitan)',
    )
    .action(
      async (options: {
        programme: string;
        session?: string;
        period?: string;
        freeze?: boolean;
        format: string;
        out?: string;
      }) => {
        const { session, period, ...rest } = options;
        if ((session === undefined) === (period === undefined))
          throw new UsageError('Indique --session NÚMERO o --period PERIODO (uno de los dos).');
        if (period !== undefined) {
          const { periodReportCommand } = await import('./year-commands');
          setExit(await periodReportCommand({ ...rest, period }, out));
          return;
        }
        if (rest.freeze) throw new UsageError('--freeze va con --period.');
        const { reportCommand } = await import('./store-commands');
        setExit(await reportCommand({ ...rest, session: session! }, out));
      },
    );

  for (const [name, step, what] of [
    [
      'approve',
      'aprobado',
      'Aprueba un programa en borrador (sesión de septiembre), con su acuerdo.',
    ],
    [
      'ratify',
      'ratificado',
      'Ratifica un programa aprobado (sesión de enero), con su acuerdo; congela su plan como línea base.',
    ],
  ] as const)
    program
      .command(name)
      .description(what)
      .requiredOption('--programme <id>', 'identificador del programa')
      .requiredOption('--agreement <acuerdo>', 'acuerdo de la Comisión, p. ej. CVOE/040/20')
      .requiredOption('--date <AAAA-MM-DD>', 'fecha del acuerdo')
      .option(
        '--session <sesión>',
        'sesión que lo tomó (por omisión, la del calendario en esa fecha)',
      )
      .action(
        async (options: {
          programme: string;
          agreement: string;
          date: string;
          session?: string;
        }) => {
          const { lifecycleCommand } = await import('./year-commands');
          setExit(await lifecycleCommand(step, options, out));
        },
      );

  program
    .command('draft')
    .description(
      'Crea el borrador del programa del año siguiente: mismos objetivos, ejes y actividades, sesiones por la misma regla con los días inhábiles del nuevo año; dice qué revisar.',
    )
    .requiredOption('--from <id>', 'programa del que parte, p. ej. cvoe-2021')
    .requiredOption('--year <año>', 'año del borrador, p. ej. 2022')
    .option('--id <id>', 'identificador del borrador (por omisión, el de origen con el año nuevo)')
    .action(async (options: { from: string; year: string; id?: string }) => {
      const { draftCommand } = await import('./year-commands');
      setExit(await draftCommand(options, out));
    });

  program
    .command('feed')
    .description(
      'Canales de calendario suscribibles (Outlook, Google Calendar) de un programa: create, list, revoke.',
    )
    .argument('<acción>', 'create, list o revoke')
    .argument('[canal]', 'para revoke: el id del canal o su dirección')
    .requiredOption('--programme <id>', 'identificador del programa')
    .option(
      '--url <origen>',
      'dirección pública de la aplicación, p. ej. https://pat.iecm.mx (para create)',
    )
    .action(
      async (
        action: string,
        feed: string | undefined,
        options: { programme: string; url?: string },
      ) => {
        const { feedCommand } = await import('./store-commands');
        setExit(await feedCommand(action, { ...options, ...(feed ? { feed } : {}) }, out));
      },
    );

  program
    .command('member')
    .description(
      'Miembros de un programa (personas o grupos de Entra, como editores o lectores): list, add, remove. Con miembros, solo sus editores lo modifican.',
    )
    .argument('<acción>', 'list, add o remove')
    .requiredOption('--programme <id>', 'identificador del programa')
    .option('--user <id>', 'id de objeto (Entra) de la persona')
    .option('--group <id>', 'id del grupo de Entra')
    .option('--role <rol>', 'editor o viewer (para add)')
    .option('--name <nombre>', 'cómo se le conoce, p. ej. su correo (para add)')
    .action(
      async (
        action: string,
        options: { programme: string; user?: string; group?: string; role?: string; name?: string },
      ) => {
        const { memberCommand } = await import('./store-commands');
        setExit(await memberCommand(action, options, out));
      },
    );

  program
    .command('area')
    .description(
      'Responsables de cada área (a quienes llegan los recordatorios): list las muestra; set reemplaza las personas de un área.',
    )
    .argument('<acción>', 'list o set')
    .requiredOption('--programme <id>', 'identificador del programa')
    .option('--area <sigla>', 'sigla del área, p. ej. UTVOE, o «comision» (para set)')
    .option(
      '--person <"Nombre <correo>">',
      'una persona del área (repetible; para set)',
      collect,
      [],
    )
    .action(
      async (action: string, options: { programme: string; area?: string; person: string[] }) => {
        const { areaCommand } = await import('./area-command');
        setExit(await areaCommand(action, options, out));
      },
    );

  program
    .command('backup')
    .description(
      'Copia de seguridad de todo el almacenamiento (cada tabla y los archivos de exportaciones) en una carpeta; con --list, las copias programadas.',
    )
    .option('--out <carpeta>', 'carpeta nueva o vacía donde se escribe la copia')
    .option('--list', 'lista las copias programadas del contenedor de copias')
    .action(async (options: { out?: string; list?: boolean }) => {
      const { backupCommand } = await import('./backup-commands');
      setExit(await backupCommand(options, out));
    });

  program
    .command('restore')
    .description(
      'Restaura una copia de seguridad en un almacenamiento vacío (con --replace, en lugar de lo que hay). Verifica toda la copia antes de escribir nada.',
    )
    .argument('[carpeta]', 'carpeta de la copia (la de «pat backup --out»)')
    .option(
      '--from-backups <copia>',
      'una copia programada: AAAA-MM-DD (la última completa de ese día) o AAAA-MM-DD/EJECUCIÓN',
    )
    .option('--replace', 'borra lo que hay en el almacenamiento y escribe la copia')
    .action(
      async (dir: string | undefined, options: { replace?: boolean; fromBackups?: string }) => {
        const { restoreCommand } = await import('./backup-commands');
        setExit(await restoreCommand(dir, options, out));
      },
    );

  return program;
}

/** Runs the CLI and returns the exit code. Never lets a stack trace reach the user. */
export async function main(
  argv: readonly string[],
  out: Output = processOutput,
): Promise<ExitCode> {
  let code: ExitCode = ExitCode.Ok;
  const program = buildProgram(out, (c) => (code = c));
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures; every argument error is "unusable input".
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Unusable;
    }
    if (error instanceof UsageError) {
      out.stderr(`pat: ${error.message}`);
      return ExitCode.Unusable;
    }
    // Only a command that loaded the backend throws these, so their classes are loaded already;
    // any other error costs exceljs at most, never the Azure SDKs.
    const { StorageUnavailableError, WorkbookError, DocumentError } =
      await import('../backend/workbooks');
    if (error instanceof StorageUnavailableError) {
      out.stderr(
        'pat: el almacenamiento no responde. Inicie el entorno local con «npm start» o revise PAT_STORAGE_CONNECTION_STRING.',
      );
      return ExitCode.Unusable;
    }
    if (error instanceof WorkbookError || error instanceof DocumentError) {
      out.stderr(`pat: ${error.message}`);
      return ExitCode.Unusable;
    }
    out.stderr(
      `pat: error inesperado: ${(error as Error)?.message ?? String(error)}. Informe este mensaje al equipo de PAT Cronograma.`,
    );
    return ExitCode.Unusable;
  }
}
