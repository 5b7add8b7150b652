export * from './hugo/index';
