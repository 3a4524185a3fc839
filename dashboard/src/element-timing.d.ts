// The Element Timing API's attribute (https://wicg.github.io/element-timing/), which React passes through.
import 'react';

declare module 'react' {
  // The type parameter must match React's declaration to merge with it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface HTMLAttributes<T> {
    elementtiming?: string;
  }
}
