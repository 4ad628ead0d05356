import { BreakpointObserver } from '@angular/cdk/layout';
import { inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

/** Below this width the admin shows its phone layout: a drawer for the menu, fewer table columns. */
const PHONE_QUERY = '(max-width: 767.98px)';

/** Whether the window is phone-sized now; call it in an injection context (a field initialiser). */
export function injectIsPhone(): Signal<boolean> {
  return toSignal(
    inject(BreakpointObserver)
      .observe(PHONE_QUERY)
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );
}
