/** A Word document that could not be read: the message says why and what to do, in Spanish. */
export class DocumentError extends Error {}
