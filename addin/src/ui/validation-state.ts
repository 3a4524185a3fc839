import { useEffect, useState } from 'react';
import { dateInMexicoCity } from '../../../shared/calendar/dates';
import { ValidationIssue } from '../../../shared/schemas';
import { PaneController, ValidateResult } from '../pane-controller';

export interface ValidationView {
  sheet: string;
  issues: ValidationIssue[];
  activities: number;
  /** When the list was made, and whether by an edit (live) or the button. */
  at: Date;
  live: boolean;
}

export const todayInMexicoCity = () => dateInMexicoCity(new Date());

/** How long the sheet must be quiet before an edit is validated (the tests make it short). */
const QUIET_MS = Number(new URLSearchParams(window.location.search).get('liveMs')) || 600;

export function viewOf(r: Extract<ValidateResult, { ok: true }>, live: boolean): ValidationView {
  return {
    sheet: r.read.sheet,
    issues: r.issues,
    activities: r.read.activities.length,
    at: new Date(),
    live,
  };
}

/**
 * The pane's validation, shared by every tab: kept up to date while the pane is open by
 * validating each burst of edits (live), and by the «Validar» button. `watching` is false where
 * Excel sends no change events.
 */
export function useValidation(controller: PaneController) {
  const [view, setView] = useState<ValidationView>();
  const [watching, setWatching] = useState(false);
  useEffect(() => {
    let stop: (() => Promise<void>) | undefined;
    let cancelled = false;
    void controller
      .watch(
        todayInMexicoCity,
        // A sheet that is not a cronograma (the calendar, a cover) leaves the last list as it was.
        (r) => r.ok && setView(viewOf(r, true)),
        QUIET_MS,
      )
      .then((s) => {
        if (cancelled) void s?.();
        else {
          stop = s;
          setWatching(s !== undefined);
        }
      })
      .catch(() => setWatching(false));
    return () => {
      cancelled = true;
      void stop?.();
    };
  }, [controller]);
  return { view, setView, watching };
}
