import { dateInMexicoCity } from '../shared/calendar/dates';

/** Today's date in Mexico City (YYYY-MM-DD). */
export const todayInMexicoCity = (now: Date = new Date()): string => dateInMexicoCity(now);
