import { Programme, programmeSchema } from '../shared/schemas';
import raw from './cvoe-2021.json';

/** The 2021 programme of the CVOE (IECM), transcribed from the source document and checked by the schema. */
export function loadSeedProgramme(): Programme {
  return programmeSchema.parse(raw);
}
