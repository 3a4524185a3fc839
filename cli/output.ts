/** Exit codes of the `pat` contract. */
export enum ExitCode {
  Ok = 0,
  /** The sheet was read and has errors. */
  SheetHasErrors = 1,
  /** The input is unusable: missing file, not a workbook, no cronograma, bad arguments. */
  Unusable = 2,
}

/** A problem with what the user asked for: the message is shown as is, exit code 2. */
export class UsageError extends Error {}

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processOutput: Output = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};
