/**
 * A Word document's body as plain data, whatever wrote it: paragraphs and tables in order. The
 * .docx adapter (`backend/docx/document-package.ts`) makes them; the programme reader
 * (`programme-reader.ts`) reads them.
 */
export interface DocumentCell {
  text: string;
  /** Grid columns the cell spans (`gridSpan`). */
  span: number;
  /** A vertical merge: the cell that starts it, or one it continues (empty, covered). */
  merge?: 'restart' | 'continue';
}

export type DocumentBlock =
  | {
      kind: 'paragraph';
      text: string;
      /** Every character of its text is bold. */
      bold: boolean;
      /** Its text in stretches of the same emphasis. */
      runs: { text: string; bold?: boolean; italic?: boolean }[];
      /** The paragraph style's id («Heading1», «Ttulo1» …), when it has one. */
      style?: string;
      /** A list item (Word's automatic numbering). */
      numbered?: boolean;
      /** Its level in a numbered list: 0 the outermost. */
      level?: number;
    }
  | { kind: 'table'; rows: DocumentCell[][] };
