/** The HTTP contract between the functions, the add-in and the dashboard, and its one client. */
export * from './client';
export * from './requests';
export * from './responses';
export * from './routes';
