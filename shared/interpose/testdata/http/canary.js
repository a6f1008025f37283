import { app } from './app.js';

export const incomingHandler = app('canary');
