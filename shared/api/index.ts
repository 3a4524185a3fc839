/** The HTTP contract between the functions, the add-in and the dashboard. */
export * from './requests';
export * from './responses';
export * from './routes';
