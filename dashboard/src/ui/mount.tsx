import { createRoot } from 'react-dom/client';
import { DashboardController } from '../controller';
import { App } from './App';

export function mount(root: HTMLElement, controller: DashboardController): void {
  createRoot(root).render(<App controller={controller} />);
}
