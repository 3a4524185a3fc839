/** Today's date in Mexico City (YYYY-MM-DD): the programme's clock, whatever the machine's zone. */
export function todayInMexicoCity(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Mexico_City',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
